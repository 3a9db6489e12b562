export type TocItem = { id: string; text: string; children?: TocItem[] };

type Props = { items: TocItem[]; className?: string };

function TocLinks({ items, nested = false }: { items: TocItem[]; nested?: boolean }) {
  return (
    <ol className={nested ? 'mt-1 ml-3 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-700' : 'space-y-1.5'}>
      {items.map((item) => (
        <li key={item.id}>
          {/* Plain anchors: a same-page hash jump needs no client router. */}
          <a
            href={`#${item.id}`}
            className="block text-slate-700 hover:text-blue-700 hover:underline dark:text-slate-300 dark:hover:text-sky-300"
          >
            {item.text}
          </a>
          {item.children && item.children.length > 0 && <TocLinks items={item.children} nested />}
        </li>
      ))}
    </ol>
  );
}

/** Links to the sections of the page; the e2e tests find it by its label. */
export function TableOfContents({ items, className = '' }: Props) {
  if (items.length === 0) return null;
  return (
    <nav aria-label="Table of contents" className={`text-sm ${className}`}>
      <p className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">On this page</p>
      <TocLinks items={items} />
    </nav>
  );
}
