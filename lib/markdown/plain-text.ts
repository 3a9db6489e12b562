// Markdown as the plain text a reader sees, for search snippets: no `##`, `**`,
// backticks, fences, link syntax or list markers. Stored beside the source when
// it is written (runbooks.body_text), so the search never shows markup and
// never parses markdown per query. docs/decisions/022-results-that-explain-themselves.md
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { CHECK_FENCE_LANG } from '@/lib/checks/fence';

// Blocks whose text reads as a sentence of its own: when one ends without
// punctuation (a heading, a list item, a table row), a full stop is added so the
// snippet cutter (lib/search/snippet.ts) sees where it ends.
const SENTENCE_END = /[.!?:;]$/;

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'html':
    case 'footnoteReference':
    case 'imageReference':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inline).join('') : '';
  }
}

const sentence = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return !t || SENTENCE_END.test(t) ? t : `${t}.`;
};

function blocks(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'root':
    case 'blockquote':
    case 'list':
    case 'listItem':
    case 'footnoteDefinition':
      for (const child of node.children) blocks(child, out);
      return;
    case 'heading':
      out.push(sentence(inline(node)));
      return;
    case 'paragraph':
      // A list item's or quote's paragraph is a sentence too; a plain paragraph keeps its own punctuation.
      out.push(sentence(inline(node)));
      return;
    case 'table':
      for (const row of node.children) out.push(sentence(row.children.map(inline).filter(Boolean).join(', ')));
      return;
    case 'code':
      // A check embed is a catalog slug, not prose. Commands stay: operators search for them.
      if (node.lang === CHECK_FENCE_LANG) return;
      for (const line of node.value.split('\n')) if (line.trim()) out.push(line.trim());
      return;
    case 'html':
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return;
    default:
      out.push(sentence(inline(node)));
  }
}

/** One line per block (heading, paragraph, list item, table row, command line). */
export function markdownToPlainText(markdown: string): string {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const out: string[] = [];
  blocks(tree, out);
  return out.filter(Boolean).join('\n');
}
