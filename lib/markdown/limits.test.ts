// The pre-scan refuses, quickly and with a sentence, the shapes that froze the
// server for 20+ s (issue 10 class 3), and lets borderline-but-legal text render.
import { describe, expect, it } from 'vitest';
import {
  checkRenderable,
  MAX_BRACKETS,
  MAX_DELIMITER_RUNS,
  MAX_FOOTNOTE_REFERENCES,
  MAX_HEADINGS,
  MAX_LIST_ITEMS,
  MAX_NESTING_DEPTH,
  MAX_QUOTE_DEPTH,
  MAX_TABLE_PIPES,
  MARKDOWN_MAX_CHARS,
  MAX_HTML_NODES,
} from './limits';
import { renderMarkdown } from './render';

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

// Each shape, at a size that took seconds (or overflowed the stack) before the limits.
const pathological: Array<[string, string, RegExp]> = [
  ['50,000 nested > on one line', `${'>'.repeat(50_000)} x\n`, /nests block quotes 50,000 deep; at most 32 are allowed/],
  ['nested > with spaces', `${'> '.repeat(5_000)}x\n`, /nests block quotes 5,000 deep/],
  ['a quote one level deeper per line', lines(200, (i) => `${'>'.repeat(i + 1)} x`), /nests block quotes 200 deep/],
  ['lists nested on one line', `${'- '.repeat(5_000)}x\n`, /nests lists and quotes 5,000 levels deep/],
  ['ordered lists nested on one line', `${'1. '.repeat(3_000)}x\n`, /nests lists and quotes 3,000 levels deep/],
  ['lists nested by indentation', lines(300, (i) => `${'  '.repeat(i)}- x`), /nests lists and quotes 300 levels deep/],
  ['lists and quotes mixed', `${'- > '.repeat(1_000)}x\n`, /nests block quotes 1,000 deep/],
  ['15,000 *a pairs', '*a'.repeat(15_000), /15,000 emphasis or code marks/],
  ['15,000 "*a " pairs', '*a '.repeat(15_000), /15,000 emphasis or code marks/],
  ['15,000 **a', '**a'.repeat(15_000), /15,000 emphasis or code marks/],
  ['15,000 ~a', '~a'.repeat(15_000), /15,000 emphasis or code marks/],
  ['15,000 `a', '`a'.repeat(15_000), /15,000 emphasis or code marks/],
  ['15,000 nested brackets', `${'['.repeat(15_000)}a${']'.repeat(15_000)}`, /nests brackets \(\[\) 15,000 deep/],
  ['nested links', `${'['.repeat(15_000)}a${'](b)'.repeat(15_000)}`, /nests brackets/],
  ['25,000 links', '[a](b) '.repeat(25_000), /25,000 links, images, bare URLs or brackets/],
  ['12,000 bare URLs', 'www.a.io '.repeat(6_000) + 'http://a.io '.repeat(6_000), /12,000 links, images, bare URLs/],
  ['1,000 references to one footnote', `${'[^a]'.repeat(1_000)}\n\n[^a]: x\n`, /1,001 footnote references/],
  ['30,000 headings', '## h\n\n'.repeat(30_000), /30,000 headings/],
  ['10,000 list items', '- x\n'.repeat(10_000), /10,000 list items/],
  [
    'a 60,000-cell table',
    `|${'a|'.repeat(100)}\n|${'-|'.repeat(100)}\n${`|${'a|'.repeat(100)}\n`.repeat(600)}`,
    /table cell borders/,
  ],
  ['more than the size limit', 'x'.repeat(MARKDOWN_MAX_CHARS + 1), /200,001 characters; at most 200,000/],
];

describe('checkRenderable', () => {
  it.each(pathological)('refuses %s with a sentence, at once', (_name, source, message) => {
    const started = performance.now();
    const result = checkRenderable(source, 'The narrative');
    expect(result).toEqual({ ok: false, message: expect.stringMatching(message) });
    expect(!result.ok && result.message.startsWith('The narrative ')).toBe(true);
    // Generous: the scan is linear and takes milliseconds; the renderer took seconds to minutes.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses the sum of many kinds of markup, each under its own limit', () => {
    const source = `${'*a'.repeat(4_000)}\n\n${'[a](b) '.repeat(4_000)}\n\n${'- x\n'.repeat(1_900)}\n${'|a|\n'.repeat(1_000)}`;
    expect(checkRenderable(source)).toEqual({ ok: false, message: expect.stringMatching(/pieces of markup in all/) });
  });

  it('does not count markup inside fenced code blocks', () => {
    const log = lines(3_000, (i) => `> [${i}] *** __init__ ~~ | - item`);
    expect(checkRenderable(`Log:\n\n\`\`\`text\n${log}\n\`\`\`\n\nAfter.\n`)).toEqual({ ok: true });
    expect(checkRenderable(`Log:\n\n~~~~\n${log}\n~~~\n~~~~\n`)).toEqual({ ok: true });
  });

  it('does not count escaped characters', () => {
    expect(checkRenderable('\\*a'.repeat(MAX_DELIMITER_RUNS + 10))).toEqual({ ok: true });
  });
});

// Just inside every limit: accepted, and rendered in full (no refusal notice).
const borderline: Array<[string, string]> = [
  ['block quotes at the depth limit', `${'>'.repeat(MAX_QUOTE_DEPTH)} deep\n`],
  ['lists at the depth limit', lines(MAX_NESTING_DEPTH, (i) => `${'  '.repeat(i)}- level ${i + 1}`)],
  ['emphasis at the limit', '*a'.repeat(MAX_DELIMITER_RUNS)],
  ['links at the limit', '[a](https://example.com) '.repeat(MAX_BRACKETS)],
  ['footnote references at the limit', `${'x[^n]'.repeat(MAX_FOOTNOTE_REFERENCES - 1)}\n\n[^n]: note\n`],
  ['headings at the limit', '## Step\n\n'.repeat(MAX_HEADINGS)],
  ['list items at the limit', '- x\n'.repeat(MAX_LIST_ITEMS)],
  ['a table at the limit', `|a|b|\n|-|-|\n${'|a|b|\n'.repeat(MAX_TABLE_PIPES / 3 - 3)}`],
  ['a long plain narrative', 'The director answered ARP for the VIP. '.repeat(5_000)],
];

describe('renderMarkdown on borderline-but-legal text', () => {
  it.each(borderline)(
    'renders %s',
    async (_name, source) => {
      expect(checkRenderable(source)).toEqual({ ok: true });
      const { html } = await renderMarkdown(source);
      expect(html).not.toContain('render-refused');
      expect(html.length).toBeGreaterThan(0);
    },
    30_000,
  );
});

describe('renderMarkdown after parsing', () => {
  it('stops at MAX_HTML_NODES elements and says so', async () => {
    // Hard line breaks are cheap to parse and not counted by the pre-scan, but each is an element.
    const source = 'a  \n'.repeat(MAX_HTML_NODES / 2 + 10);
    expect(checkRenderable(source)).toEqual({ ok: true });
    const { html } = await renderMarkdown(source);
    expect(html).toMatch(/^<p class="render-refused">The text makes more than 60,000 HTML elements/);
  }, 30_000);
});

describe('renderMarkdown on text stored before the limits', () => {
  it('shows why instead of parsing it', async () => {
    const { html, toc, segments } = await renderMarkdown(`${'>'.repeat(50_000)} x\n`);
    expect(html).toBe('<p class="render-refused">The text nests block quotes 50,000 deep; at most 32 are allowed.</p>');
    expect(toc).toEqual([]);
    expect(segments).toEqual([{ kind: 'html', html }]);
  });
});
