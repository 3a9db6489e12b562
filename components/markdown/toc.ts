import type { TocEntry } from '@/lib/markdown/render';
import type { TocItem } from './TableOfContents';

/** Nests h3 entries under the h2 before them (an h3 with no h2 above stays top level). */
export function nestToc(entries: TocEntry[]): TocItem[] {
  const items: TocItem[] = [];
  let parent: TocItem | undefined;
  for (const entry of entries) {
    const item: TocItem = { id: entry.id, text: entry.text };
    if (entry.depth > 2 && parent) {
      (parent.children ??= []).push(item);
    } else {
      items.push(item);
      parent = entry.depth === 2 ? item : undefined;
    }
  }
  return items;
}
