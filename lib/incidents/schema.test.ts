import { describe, expect, it } from 'vitest';
import { MAX_PAGE, MAX_SEARCH_WORDS, parseIncidentListParams, QUERY_MAX, hasActiveFilters, searchWords } from './schema';
import { incidentListHref, incidentsFilteredBy, isCanonicalListQuery, withoutFiltersHref } from './url';

const defaults = { sort: 'started', dir: 'desc', page: 1 };

describe('parseIncidentListParams', () => {
  it('gives defaults for an empty or missing query', () => {
    expect(parseIncidentListParams({})).toEqual(defaults);
    expect(parseIncidentListParams(undefined)).toEqual(defaults);
  });

  it('keeps valid values', () => {
    expect(
      parseIncidentListParams({
        q: '  ip neigh FAILED ',
        service: 'GS14',
        tag: 'networking',
        severity: 'SEV1',
        year: '2024',
        sort: 'duration',
        dir: 'asc',
        page: '3',
      }),
    ).toEqual({
      q: 'ip neigh FAILED',
      service: 'GS14',
      tag: 'networking',
      severity: 'SEV1',
      year: 2024,
      sort: 'duration',
      dir: 'asc',
      page: 3,
    });
  });

  it('replaces each bad value with its default and keeps the good ones', () => {
    expect(
      parseIncidentListParams({
        service: 'GS14',
        severity: 'SEV9',
        year: '20x4',
        sort: 'DROP TABLE',
        dir: 'sideways',
        page: '-2',
      }),
    ).toEqual({ ...defaults, service: 'GS14' });
  });

  it('treats empty form fields as absent', () => {
    expect(parseIncidentListParams({ q: '', service: '', tag: '   ', severity: '', year: '', page: '' })).toEqual(defaults);
  });

  it('rejects out-of-range pages and years', () => {
    expect(parseIncidentListParams({ page: '0' }).page).toBe(1);
    expect(parseIncidentListParams({ page: '1.5' }).page).toBe(1);
    expect(parseIncidentListParams({ page: String(MAX_PAGE + 1) }).page).toBe(1);
    expect(parseIncidentListParams({ page: '99999999999999999999999' }).page).toBe(1);
    expect(parseIncidentListParams({ year: '1200' }).year).toBeUndefined();
    expect(parseIncidentListParams({ year: '2020.0' }).year).toBeUndefined();
  });

  it('drops an overlong query rather than searching for it', () => {
    expect(parseIncidentListParams({ q: 'x'.repeat(QUERY_MAX + 1) }).q).toBeUndefined();
  });

  it('takes the first of repeated keys', () => {
    expect(parseIncidentListParams({ tag: ['arp', 'dns'], page: ['2', '5'] })).toMatchObject({ tag: 'arp', page: 2 });
  });

  it('defaults the direction to the one that suits the sort key', () => {
    expect(parseIncidentListParams({ sort: 'title' }).dir).toBe('asc');
    expect(parseIncidentListParams({ sort: 'severity' }).dir).toBe('desc');
    expect(parseIncidentListParams({ sort: 'title', dir: 'desc' }).dir).toBe('desc');
  });

  it('survives values of the wrong type', () => {
    const weird = { q: 42, page: { a: 1 }, severity: ['SEV2'] } as unknown as Record<string, string>;
    expect(parseIncidentListParams(weird)).toEqual({ ...defaults, severity: 'SEV2' });
  });

  it('knows whether any filter is active', () => {
    expect(hasActiveFilters(parseIncidentListParams({ sort: 'title', page: '2' }))).toBe(false);
    expect(hasActiveFilters(parseIncidentListParams({ year: '2020' }))).toBe(true);
  });
});

describe('incidentListHref', () => {
  it('leaves defaults out of the URL', () => {
    expect(incidentListHref(parseIncidentListParams({}))).toBe('/incidents');
    expect(incidentListHref(parseIncidentListParams({ sort: 'title', dir: 'asc' }))).toBe('/incidents?sort=title');
  });

  it('applies changes and encodes values', () => {
    const params = parseIncidentListParams({ service: 'OVH reverse proxy (OVH1)', page: '2' });
    expect(incidentListHref(params, { page: 3 })).toBe('/incidents?service=OVH+reverse+proxy+%28OVH1%29&page=3');
    expect(incidentListHref(params, { service: undefined, page: 1 })).toBe('/incidents');
  });

  it('links to one service or tag', () => {
    expect(incidentsFilteredBy('tag', 'game-servers')).toBe('/incidents?tag=game-servers');
  });
});

describe('withoutFiltersHref', () => {
  it('drops filters and page but keeps the sort', () => {
    const params = parseIncidentListParams({ tag: 'arp', year: '2020', sort: 'title', page: '4' });
    expect(withoutFiltersHref(params)).toBe('/incidents?sort=title');
  });
});

describe('isCanonicalListQuery', () => {
  const check = (raw: Record<string, string | string[]>) => isCanonicalListQuery(raw, parseIncidentListParams(raw));
  it('accepts the URLs the app itself links to', () => {
    expect(check({})).toBe(true);
    expect(check({ service: 'GS14', sort: 'title' })).toBe(true);
    expect(check({ page: '2', tag: 'arp' })).toBe(true);
  });
  it('rejects empty fields, defaults spelled out, bad values and repeats', () => {
    expect(check({ q: '', service: 'GS14' })).toBe(false);
    expect(check({ sort: 'started', dir: 'desc' })).toBe(false);
    expect(check({ page: '1' })).toBe(false);
    expect(check({ severity: 'SEV9' })).toBe(false);
    expect(check({ tag: ['arp', 'dns'] })).toBe(false);
    expect(check({ q: ' padded ' })).toBe(false);
  });
});

describe('searchWords', () => {
  it('splits, lower-cases and de-duplicates', () => {
    expect(searchWords('  Gateway FAILED   ip neigh gateway ')).toEqual(['gateway', 'failed', 'ip', 'neigh']);
    expect(searchWords(undefined)).toEqual([]);
  });
  it('caps the number of words', () => {
    expect(searchWords('a b c d e f g h i j k')).toHaveLength(MAX_SEARCH_WORDS);
  });
});
