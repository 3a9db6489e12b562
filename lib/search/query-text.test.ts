import { describe, expect, it } from 'vitest';
import { analyzeQuery } from './query-text';
import { SEARCH_TERMS_MAX } from './schema';

describe('analyzeQuery', () => {
  it('keeps the whole text for websearch_to_tsquery and separates exclusions', () => {
    const a = analyzeQuery('"ip neigh" FAILED or INCOMPLETE -windows');
    expect(a.strict).toBe('"ip neigh" FAILED or INCOMPLETE -windows');
    expect(a.positive).toBe('ip neigh FAILED INCOMPLETE');
    expect(a.phrases).toBe('"ip neigh"');
    expect(a.negative).toBe('windows');
    expect(a.searchable).toBe(true);
  });

  it('drops a quote that is never closed', () => {
    expect(analyzeQuery('"connections stuck in FIN_WAIT').strict).toBe(' connections stuck in FIN_WAIT');
  });

  it.each(['& | ! :*', '   ', '"" -', '!!!', '\u0000\u200b'])('finds nothing searchable in %j', (q) => {
    expect(analyzeQuery(q).searchable).toBe(false);
  });

  it('keeps command tokens intact for the SQL to split', () => {
    expect(analyzeQuery('arp_ignore 10.43.0.1 /proc/sys/net').positive).toBe('arp_ignore 10.43.0.1 /proc/sys/net');
  });

  it('removes control characters and caps the number of words', () => {
    const a = analyzeQuery(`a\u0000b ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')}`);
    expect(a.strict).not.toContain('\u0000');
    expect(a.positive.split(' ')).toHaveLength(SEARCH_TERMS_MAX);
  });

  it('treats a lone dash as punctuation, not an exclusion', () => {
    expect(analyzeQuery('disk - full').negative).toBe('');
  });
});

describe('runs of dashes (websearch_to_tsquery nests one NOT per dash and overflows)', () => {
  it.each([`a${'-'.repeat(32)}`, `b ${'-'.repeat(33)}`, `a ${'-'.repeat(40)}b`, `${'- '.repeat(40)}b`, `${'-'.repeat(299)}b`])(
    'leaves at most one dash before a word in %j',
    (q) => {
      const a = analyzeQuery(q);
      for (const part of [a.strict, a.negative]) {
        expect(part).not.toMatch(/--/);
        expect(part).not.toMatch(/-(?![\p{L}\p{N}"])/u);
      }
    },
  );

  it('still excludes a word written with several dashes', () => {
    expect(analyzeQuery('disk ---windows').negative).toBe('windows');
  });
});

describe('command flags', () => {
  it('keeps -l, -n and --all as words, not exclusions', () => {
    const a = analyzeQuery('ipvsadm -l -n --all -windows');
    expect(a.strict).toBe('ipvsadm l n all -windows');
    expect(a.negative).toBe('windows');
  });
});
