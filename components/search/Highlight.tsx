import type { Highlighted } from '@/lib/search/types';

/** Renders ts_headline output as text with <mark>s; the text is never parsed as HTML. */
export function Highlight({ parts }: { parts: Highlighted }) {
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit dark:bg-yellow-700/60">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
