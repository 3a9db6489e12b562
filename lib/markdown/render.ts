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
import { checkRenderable, MAX_HTML_NODES } from './limits';

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

/**
 * Prefix of every id that comes from user content, as on GitHub. Without it
 * `## __next_f` became `id="__next_f"`, which the browser also exposes as
 * `window.__next_f` and which stopped Next.js from hydrating the page.
 */
export const HEADING_ID_PREFIX = 'user-content-';

const schema: SanitizeSchema = {
  ...defaultSchema,
  // remark-rehype already prefixes footnote ids *and* their hrefs with
  // `user-content-`; prefixing ids again here would break footnote links.
  // Heading ids are added after this step, with the same prefix (HEADING_ID_PREFIX).
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

/**
 * Whether the tree is small enough to finish rendering. Counted iteratively
 * right after the markdown becomes HTML, before the costly steps; the pre-scan
 * (lib/markdown/limits.ts) has already bounded how the parse could go.
 */
function boundNodes() {
  return (tree: Root, file: VFile) => {
    let count = 0;
    const stack: Array<Root | RootContent | ElementContent> = [tree];
    while (stack.length) {
      const node = stack.pop()!;
      if (++count > MAX_HTML_NODES) {
        file.data.refused = `The text makes more than ${MAX_HTML_NODES.toLocaleString('en-GB')} HTML elements; shorten it to show it.`;
        tree.children = [];
        return;
      }
      if ('children' in node) stack.push(...node.children);
    }
  };
}

/**
 * GitHub-style: `[see](#timeline)` in the text still reaches the heading whose
 * id is now `user-content-timeline`. Only fragments naming a prefixed id that
 * exists are rewritten; footnote links are already prefixed by remark-rehype.
 */
function prefixFragmentLinks() {
  return (tree: Root) => {
    const ids = new Set<string>();
    walk(tree, (el) => {
      if (typeof el.properties.id === 'string') ids.add(el.properties.id);
    });
    walk(tree, (el) => {
      const href = el.properties.href;
      if (el.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const target = href.slice(1);
      if (!ids.has(target) && ids.has(HEADING_ID_PREFIX + target)) el.properties.href = `#${HEADING_ID_PREFIX}${target}`;
    });
  };
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
  .use(boundNodes)
  .use(rehypeSanitize, schema)
  .use(checkEmbeds)
  .use(rehypeSlug, { prefix: HEADING_ID_PREFIX })
  .use(prefixFragmentLinks)
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

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What is shown instead of a text too large or too deep to render: the reason, never the text. */
function refusal(message: string): RenderedMarkdown {
  const html = `<p class="render-refused">${escapeHtml(message)}</p>` as SanitizedHtml;
  return { html, toc: [], segments: [{ kind: 'html', html }] };
}

/**
 * Renders markdown to sanitized HTML, a table of contents and check segments.
 * Bounded for every input: what checkRenderable refuses, or what turns out to
 * make too many elements, renders as a one-line notice saying why. Callers
 * that accept text from people check it first (checkRenderable in the zod
 * schemas), so the notice only appears for text stored before the limits.
 */
export async function renderMarkdown(source: string): Promise<RenderedMarkdown> {
  const renderable = checkRenderable(source);
  if (!renderable.ok) return refusal(renderable.message);
  const file = await processor.process(source);
  if (typeof file.data.refused === 'string') return refusal(file.data.refused);
  const toc = file.data.toc;
  const html = String(file) as SanitizedHtml;
  const embeds = (file.data.checkEmbeds ?? []) as CheckFence[];
  return { html, toc: Array.isArray(toc) ? (toc as TocEntry[]) : [], segments: splitAtEmbeds(html, embeds) };
}
