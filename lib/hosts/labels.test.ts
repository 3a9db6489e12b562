// Host labels: the syntax and the limits (lib/hosts/labels.ts).
import { describe, expect, it } from 'vitest';
import { checkLabels, formatLabels, hasLabels, HOST_LABELS_MAX, LABEL_PART_MAX, parseLabels, sameLabels } from './labels';

describe('parseLabels', () => {
  it('reads key=value pairs and prints them back sorted', () => {
    const parsed = parseLabels(' tier=edge , site=par1,kernel=6.1 ');
    expect(parsed).toEqual({ ok: true, labels: { tier: 'edge', site: 'par1', kernel: '6.1' } });
    expect(formatLabels(parsed.ok ? parsed.labels : {})).toBe('kernel=6.1,site=par1,tier=edge');
    expect(parseLabels('')).toEqual({ ok: true, labels: {} });
  });

  it.each([
    ['site', /key=value/],
    ['Site=par1', /lowercase/],
    ['site=PAR1', /lowercase/],
    ['site=par 1', /lowercase/],
    ['-site=par1', /starting with a letter or digit/],
    ['site=', /value is empty/],
    ['=par1', /key is empty/],
    ['site=par1,site=par2', /given twice/],
    ['__proto__=x', /lowercase letters/],
    [`${'k'.repeat(LABEL_PART_MAX + 1)}=v`, /longer than 63/],
    [`k=${'v'.repeat(LABEL_PART_MAX + 1)}`, /longer than 63/],
  ])('refuses %s', (text, message) => {
    const parsed = parseLabels(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(message);
  });

  it(`allows ${HOST_LABELS_MAX} labels and refuses one more`, () => {
    const text = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v${i}`).join(',');
    expect(parseLabels(text(HOST_LABELS_MAX)).ok).toBe(true);
    expect(parseLabels(text(HOST_LABELS_MAX + 1))).toEqual({ ok: false, error: `At most ${HOST_LABELS_MAX} labels per host.` });
  });
});

describe('checkLabels', () => {
  it('takes YAML numbers and booleans as text, and nothing nested', () => {
    expect(checkLabels({ tier: 2, canary: true })).toEqual({ ok: true, labels: { tier: '2', canary: 'true' } });
    expect(checkLabels({ site: { name: 'par1' } }).ok).toBe(false);
    expect(checkLabels(['site=par1']).ok).toBe(false);
    expect(checkLabels(null).ok).toBe(false);
  });

  it('compares maps regardless of order', () => {
    expect(sameLabels({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameLabels({ a: '1' }, { a: '2' })).toBe(false);
  });
});

describe('hasLabels', () => {
  it('needs every label of the selector, with the same value', () => {
    const host = { site: 'par1', tier: 'edge', rack: 'r1' };
    expect(hasLabels(host, { site: 'par1', tier: 'edge' })).toBe(true);
    expect(hasLabels(host, { site: 'par1', tier: 'core' })).toBe(false);
    expect(hasLabels(host, { owner: 'net' })).toBe(false);
    expect(hasLabels({}, { constructor: 'x' })).toBe(false);
  });
});
