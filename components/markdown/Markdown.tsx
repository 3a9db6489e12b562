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
      // Safe: the SanitizedHtml brand is made only by renderMarkdown, which drops raw
      // HTML and runs rehype-sanitize with a protocol allowlist (lib/markdown/render.ts),
      // and by lib/markdown/stored.ts reading back what renderMarkdown stored at write
      // time. This is the one dangerouslySetInnerHTML in the app.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
