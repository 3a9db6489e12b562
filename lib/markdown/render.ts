import type { Element, ElementContent, Root, RootContent } from 'hast';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { CheckFence } from '@/lib/checks/fence';
import { checkEmbeds, splitAtEmbeds, type Segment } from './check-embeds';

export type TocEntry = { depth: number; id: string; text: string };

/**
 * HTML that came out of this pipeline: raw HTML dropped, the rest sanitized.
 * A branded type so no other string can be handed to `<Markdown>`, the one
 * place that uses `dangerouslySetInnerHTML`.
 */
export type SanitizedHtml = string & { readonly __sanitized: true };

export type RenderedMarkdown = {
  html: SanitizedHtml;
  toc: TocEntry[];
  /** The document cut at its `check` fences (one html segment when there are none). */
  segments: Segment<SanitizedHtml>[];
};

const schema: SanitizeSchema = {
  ...defaultSchema,
  // remark-rehype already prefixes footnote ids *and* their hrefs with
  // `user-content-`; prefixing ids again here would break footnote links.
  // Heading ids are added after this step, so they stay clean for URLs/TOC.
  clobberPrefix: '',
  protocols: {
    ...defaultSchema.protocols,
    // Allowlist, so any spelling of javascript:/data:/vbscript: is dropped.
    // Relative URLs and fragments have no scheme and are always kept.
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
};

function classList(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

// GFM's "Footnotes" heading is visually hidden; it belongs in neither the TOC
// nor should it get a focusable anchor nobody can see.
function isVisibleHeading(node: Element): boolean {
  return !classList(node).includes('sr-only');
}

function textOf(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map(textOf).join('');
  return '';
}

function walk(node: Root | Element, visit: (el: Element) => void): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    visit(child);
    walk(child, visit);
  }
}

// Runs before autolinking so the anchor's "#" does not leak into TOC text.
function collectToc() {
  return (tree: Root, file: VFile) => {
    const toc: TocEntry[] = [];
    walk(tree, (el) => {
      const depth = el.tagName === 'h2' ? 2 : el.tagName === 'h3' ? 3 : 0;
      const id = el.properties.id;
      if (depth && typeof id === 'string' && isVisibleHeading(el)) {
        toc.push({ depth, id, text: textOf(el).trim() });
      }
    });
    file.data.toc = toc;
  };
}

// Built once: plugin setup (notably highlight.js grammar registration) is the
// expensive part, and the processor is stateless between runs.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // No allowDangerousHtml: raw HTML in markdown is dropped, not sanitized.
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(checkEmbeds)
  .use(rehypeSlug)
  .use(collectToc)
  // After sanitize: its class-bearing spans are our output, not user input,
  // and the schema would otherwise have to allow arbitrary `hljs-*` classes.
  // Default grammar set (lowlight `common`) covers bash/sh/shell/console,
  // yaml, json, plaintext/text, plus diff, sql, go, python, ini, etc.
  .use(rehypeHighlight)
  .use(rehypeAutolinkHeadings, {
    behavior: 'append',
    test: isVisibleHeading,
    properties: { className: ['heading-anchor'], ariaLabel: 'Link to this section' },
    content: { type: 'text', value: '#' },
  })
  .use(rehypeStringify)
  .freeze();

export async function renderMarkdown(source: string): Promise<RenderedMarkdown> {
  const file = await processor.process(source);
  const toc = file.data.toc;
  const html = String(file) as SanitizedHtml;
  const embeds = (file.data.checkEmbeds ?? []) as CheckFence[];
  return { html, toc: Array.isArray(toc) ? (toc as TocEntry[]) : [], segments: splitAtEmbeds(html, embeds) };
}
