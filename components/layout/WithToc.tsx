import type { ReactNode } from 'react';
import { TableOfContents, type TocItem } from '@/components/markdown/TableOfContents';

/** Page body with its table of contents: above the content on phones, a sticky right-hand column on wide screens. */
export function WithToc({ toc, children }: { toc: TocItem[]; children: ReactNode }) {
  return (
    <div className="mt-10 grid gap-10 lg:grid-cols-[minmax(0,1fr)_15rem]">
      {/* First in source order so phones show it before the content. */}
      {toc.length > 0 && (
        <aside className="lg:order-last">
          <TableOfContents
            items={toc}
            className="rounded-lg border border-slate-200 p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:border-0 lg:p-0 dark:border-slate-800"
          />
        </aside>
      )}
      <div className="min-w-0">{children}</div>
    </div>
  );
}
