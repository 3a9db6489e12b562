import { describe, expect, it } from 'vitest';
import { highlightToText } from './highlight';
import { makeSnippet, toSentences } from './snippet';
import type { Highlighted } from './types';

// Builds highlighted text from a string where [[word]] is a match.
const h = (s: string): Highlighted =>
  s
    .split(/(\[\[[^\]]*\]\])/)
    .filter(Boolean)
    .map((t) => (t.startsWith('[[') ? { text: t.slice(2, -2), mark: true } : { text: t, mark: false }));
const marked = (parts: Highlighted) => parts.filter((p) => p.mark).map((p) => p.text);

describe('toSentences', () => {
  it('ends a sentence at a full stop before a space and at a line break, not inside a token', () => {
    const s = toSentences(h('Check 10.43.0.1 first. Then [[ipvsadm]] -l -n\nsudo rkt list'));
    expect(s.map((x) => x.length)).toEqual([3, 4, 3]);
  });
});

describe('makeSnippet', () => {
  it('starts at the sentence holding the matches instead of mid-sentence', () => {
    const text = h(
      'Use this when pods cannot be reached. It covers the director and BGP. The [[director]] answers [[ARP]] for the VIP on lo when arp_ignore is 0.',
    );
    const out = highlightToText(makeSnippet(text));
    expect(out.startsWith('The director answers ARP')).toBe(true);
    expect(marked(makeSnippet(text))).toEqual(['director', 'ARP']);
  });

  it('cuts a long sentence at word boundaries around its first match, with ellipses', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    words[40] = '[[FIN_WAIT2]]';
    const out = highlightToText(makeSnippet(h(words.join(' ') + '.')));
    expect(out).toMatch(/^… word34 /);
    expect(out).toMatch(/ …$/);
    expect(out).toContain('FIN_WAIT2');
    // Every word whole: each is one of the source words.
    for (const w of out.replace(/…/g, '').trim().split(/\s+/)) expect(words.map((x) => x.replace(/\[|\]/g, ''))).toContain(w);
  });

  it('adds a second sentence with matched words the first did not show, in document order', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `pad${i}`).join(' ');
    const out = makeSnippet(
      h(`[[gateway]] lost. ${filler}. The [[MAC]] and [[gateway]] were wrong. ${filler}. Run [[arping]] now.`),
    );
    const text = highlightToText(out);
    expect(marked(out)).toEqual(['MAC', 'gateway', 'arping']);
    expect(text).toBe('The MAC and gateway were wrong. … Run arping now.');
  });

  it('sets apart lines without their own full stop, such as symptoms', () => {
    const out = highlightToText(makeSnippet(h('Summary of it.\nwrites fail with [[No]] space\nWAL directory grows')));
    expect(out).toBe('writes fail with No space · WAL directory grows');
  });

  it('shows the opening sentences when nothing is highlighted, and nothing for empty text', () => {
    expect(highlightToText(makeSnippet(h('First one. Second one.')))).toBe('First one. Second one.');
    expect(makeSnippet([])).toEqual([]);
  });
});
