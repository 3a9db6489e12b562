import { describe, expect, it } from 'vitest';
import { parseApiSearchParams, parseSearchPageParams, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SEARCH_QUERY_MAX } from './schema';

const api = (qs: string) => parseApiSearchParams(new URLSearchParams(qs));

describe('parseApiSearchParams', () => {
  it('accepts a plain query with defaults', () => {
    expect(api('q=ip+neigh')).toEqual({
      ok: true,
      input: { q: 'ip neigh', limit: SEARCH_LIMIT_DEFAULT, offset: 0, exact: false },
    });
  });

  it('accepts every filter', () => {
    const r = api('q=x&limit=5&offset=10&type=runbook&service=GS14&tag=arp&severity=SEV1&year=2020');
    expect(r).toEqual({
      ok: true,
      input: {
        q: 'x',
        limit: 5,
        offset: 10,
        type: 'runbook',
        service: 'GS14',
        tag: 'arp',
        severity: 'SEV1',
        year: 2020,
        exact: false,
      },
    });
  });

  it('reads exact=1 as "search the words as typed", and refuses other values', () => {
    expect(api('q=ipvsdam&exact=1')).toMatchObject({ ok: true, input: { exact: true } });
    expect(api('q=ipvsdam&exact=0')).toMatchObject({ ok: true, input: { exact: false } });
    expect(api('q=ipvsdam&exact=yes')).toMatchObject({ ok: false, issues: [{ param: 'exact' }] });
    expect(parseSearchPageParams({ q: 'ipvsdam', exact: '1' }).exact).toBe(true);
    expect(parseSearchPageParams({ q: 'ipvsdam', exact: 'nonsense' }).exact).toBe(false);
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    [`q=${'a'.repeat(SEARCH_QUERY_MAX + 1)}`, 'q'],
    [`q=${'x'.repeat(10_000)}`, 'q'],
    ['q=x&limit=-1', 'limit'],
    ['q=x&limit=0', 'limit'],
    ['q=x&limit=100000', 'limit'],
    [`q=x&limit=${SEARCH_LIMIT_MAX + 1}`, 'limit'],
    ['q=x&limit=1e3', 'limit'],
    ['q=x&limit=abc', 'limit'],
    ['q=x&limit=99999999999999999999', 'limit'],
    ['q=x&offset=-5', 'offset'],
    ['q=x&type=user', 'type'],
    ['q=x&severity=SEV9', 'severity'],
    ['q=x&year=20', 'year'],
    ['q=x&colour=blue', 'colour'],
    // A NUL reaching the SQL is a database error (a 500 before issue 10).
    ['q=a%00b', 'q'],
    ['q=x&service=db%00', 'service'],
    ['q=x&tag=%01arp', 'tag'],
  ])('rejects %s naming %s', (qs, param) => {
    const r = api(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.param)).toContain(param);
  });

  it('takes the first of repeated keys', () => {
    const r = api('q=a&q=b&limit=3&limit=4');
    expect(r.ok && r.input).toMatchObject({ q: 'a', limit: 3 });
  });

  it('keeps operators, quotes and SQL as plain text (the SQL binds it)', () => {
    for (const q of ['& | ! :*', '"unbalanced', "'; DROP TABLE incidents; --", 'ünïcödé 日本語 🔥']) {
      const r = api(`q=${encodeURIComponent(q)}`);
      expect(r.ok && r.input.q).toBe(q);
    }
  });
});

describe('parseSearchPageParams', () => {
  it('never throws and falls back per field', () => {
    const p = parseSearchPageParams({ q: 'disk full', page: '-3', type: 'nope', year: '2020', severity: 'SEV2' });
    expect(p).toMatchObject({ q: 'disk full', page: 1, type: undefined, year: 2020, severity: 'SEV2', truncated: false });
  });

  it('cuts an overlong query and says so', () => {
    const p = parseSearchPageParams({ q: 'x'.repeat(10_000) });
    expect(p.q).toHaveLength(SEARCH_QUERY_MAX);
    expect(p.truncated).toBe(true);
  });

  it('drops a filter holding a control character instead of sending it to the SQL', () => {
    expect(parseSearchPageParams({ q: 'disk', service: 'db\u0000', tag: 'a\u001b' })).toMatchObject({
      q: 'disk',
      service: undefined,
      tag: undefined,
    });
  });

  it('treats a missing query as empty', () => {
    expect(parseSearchPageParams(undefined)).toMatchObject({ q: '', page: 1 });
  });
});
