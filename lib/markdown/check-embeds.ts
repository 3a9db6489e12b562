// Turns `check` fences into placeholders the page replaces with interactive
// check blocks. Runs after sanitizing: the placeholder is our own markup, and
// the fence's text is parsed (slug + name=value pairs), never passed through.
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { CHECK_FENCE_LANG, parseCheckFence, type CheckFence } from '@/lib/checks/fence';

export const EMBED_TAG = 'pmkb-check';
const EMBED_SPLIT = new RegExp(`<${EMBED_TAG} data-index="(\\d+)"></${EMBED_TAG}>`);

function fenceText(pre: Element): string | null {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const classes = code?.properties.className;
  if (!code || !Array.isArray(classes) || !classes.includes(`language-${CHECK_FENCE_LANG}`)) return null;
  return code.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
}

function visit(node: Root | Element, topLevel: boolean, embeds: CheckFence[]) {
  node.children.forEach((child, i) => {
    if (child.type !== 'element') return;
    const text = child.tagName === 'pre' ? fenceText(child) : null;
    if (text === null) return visit(child, false, embeds);
    const fence = parseCheckFence(text);
    if ('error' in fence) {
      node.children[i] = {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [{ type: 'text', value: `(Broken check reference: ${fence.error})` }],
      };
    } else if (topLevel) {
      node.children[i] = { type: 'element', tagName: EMBED_TAG, properties: { dataIndex: String(embeds.length) }, children: [] };
      embeds.push(fence);
    } else {
      // Inside a list or quote the block cannot be cut out of the HTML; link to it.
      node.children[i] = {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [
          {
            type: 'element',
            tagName: 'a',
            properties: { href: `/checks/${fence.slug}` },
            children: [{ type: 'text', value: `Run the ${fence.slug} check` }],
          },
        ],
      };
    }
  });
}

export function checkEmbeds() {
  return (tree: Root, file: VFile) => {
    const embeds: CheckFence[] = [];
    visit(tree, true, embeds);
    file.data.checkEmbeds = embeds;
  };
}

export type Segment<H> = { kind: 'html'; html: H } | { kind: 'check'; fence: CheckFence };

/** Cuts rendered HTML at the placeholders, in document order. */
export function splitAtEmbeds<H extends string>(html: H, embeds: CheckFence[]): Segment<H>[] {
  const parts = html.split(EMBED_SPLIT);
  const segments: Segment<H>[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part.trim()) segments.push({ kind: 'html', html: part as H });
    } else {
      const fence = embeds[Number(part)];
      if (fence) segments.push({ kind: 'check', fence });
    }
  });
  return segments;
}
