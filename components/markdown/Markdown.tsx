import type { SanitizedHtml } from '@/lib/markdown/render';

type Props = {
  /** Output of renderMarkdown(); the type admits nothing else. */
  html: SanitizedHtml;
  className?: string;
};

/** Shows already-rendered markdown in the shared `.prose-md` styles. */
export function Markdown({ html, className = '' }: Props) {
  return (
    <div
      className={`prose-md ${className}`}
      // Safe: renderMarkdown drops raw HTML and runs rehype-sanitize with a
      // protocol allowlist before this string exists (lib/markdown/render.ts).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
