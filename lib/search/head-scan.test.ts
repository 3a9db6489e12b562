import { describe, expect, it } from 'vitest';
import type { ResolvedQuery } from './engine';
import { chooseHeadScan } from './head-scan';
import { analyzeQuery } from './query-text';
import type { SearchFilters } from './schema';

const shares = new Map([
  ['latenc', 0.24],
  ['error', 0.2],
  ['vms', 0.08],
  ['ip', 0.14],
]);
const resolved = (q: string, headLexemes: string[], extra: Partial<ResolvedQuery> = {}): ResolvedQuery => ({
  analyzed: analyzeQuery(q),
  fixes: [],
  corrections: [],
  unmatched: [],
  expansions: [],
  headLexemes,
  allWordsLookedUp: true,
  ...extra,
});
const none: SearchFilters = {};

describe('chooseHeadScan', () => {
  it('reads both head stages in order for one word in a fifth of all incidents', () => {
    expect(chooseHeadScan(resolved('latency', ['latenc']), none, shares)).toEqual({ strict: 'sequential', loose: 'sequential' });
    expect(chooseHeadScan(resolved('error', ['error']), none, shares)).toEqual({ strict: 'sequential', loose: 'sequential' });
  });

  it('keeps the index for a rarer word, and for words it has no share of', () => {
    expect(chooseHeadScan(resolved('vms', ['vms']), none, shares)).toEqual({ strict: 'index', loose: 'index' });
    expect(chooseHeadScan(resolved('ip', ['ip']), none, shares)).toEqual({ strict: 'index', loose: 'index' });
    expect(chooseHeadScan(resolved('blackhole', ['blackhol']), none, shares)).toEqual({ strict: 'index', loose: 'index' });
  });

  it('reads the any-word stage in order when one of several words is common, the all-words stage never', () => {
    expect(chooseHeadScan(resolved('p99 latency checkout', ['p99', 'latenc', 'checkout']), none, shares)).toEqual({
      strict: 'index',
      loose: 'sequential',
    });
  });

  it('keeps the all-words stage on the index when a word was not looked up or was corrected', () => {
    expect(chooseHeadScan(resolved('latency FIN_WAIT', ['latenc'], { allWordsLookedUp: false }), none, shares).strict).toBe(
      'index',
    );
    const corrected = resolved('latncy', ['latenc'], { fixes: [{ lexeme: 'latnci', term: 'latenc' }] });
    expect(chooseHeadScan(corrected, none, shares)).toEqual({ strict: 'index', loose: 'sequential' });
  });

  it('keeps the index when a filter, a phrase or an excluded word can make matches rarer than the word', () => {
    const index = { strict: 'index', loose: 'index' };
    expect(chooseHeadScan(resolved('latency', ['latenc']), { service: 'checkout' }, shares)).toEqual(index);
    expect(chooseHeadScan(resolved('latency', ['latenc']), { severity: 'SEV1' }, shares)).toEqual(index);
    expect(chooseHeadScan(resolved('latency', ['latenc']), { year: 2024 }, shares)).toEqual(index);
    expect(chooseHeadScan(resolved('latency', ['latenc']), { tag: 'dns' }, shares)).toEqual(index);
    expect(chooseHeadScan(resolved('"p99 latency"', ['p99', 'latenc']), none, shares)).toEqual(index);
    expect(chooseHeadScan(resolved('latency -checkout', ['latenc']), none, shares)).toEqual(index);
  });

  it('keeps the index without statistics (a new or small database)', () => {
    expect(chooseHeadScan(resolved('latency', ['latenc']), none, new Map())).toEqual({ strict: 'index', loose: 'index' });
  });
});
