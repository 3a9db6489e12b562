// The search SQL against a real database: triggers keep the vectors current,
// command tokens are findable, filters and facets agree, and hostile input
// returns results or nothing, never an error. Uses its own `srch-` slugs.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { fillRunbookBodyText, syncContent } from '@/lib/content/sync';
import type { Prisma } from '@/lib/generated/prisma/client';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import {
  API_STATEMENT_OPTIONS,
  runFacets,
  runSearch,
  runSuggestions,
  searchWithVocabulary,
  type Executor,
  type VocabularyCache,
} from './engine';
import { highlightToText } from './highlight';
import { analyzeQuery } from './query-text';
import { parseSearchPageParams, SEARCH_LIMIT_MAX, SEARCH_QUERY_MAX, type SearchInput } from './schema';
import { similarIncidentsStatement, type SimilarRow } from './similar-sql';
import { INDEX_HEAD_SCAN, searchStatement, TITLE_STEMS_PATTERN, type HeadScan, type VocabularyRow } from './sql';
import { EMPTY_THESAURUS } from './synonyms';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const exec: Executor = (q) => prisma.$queryRaw(q);
// A word no other test file uses, so counts here are ours alone.
const TAG = `srchtag${randomUUID().slice(0, 6)}`;

async function createIncident(
  slug: string,
  fields: {
    title: string;
    symptoms: string[];
    command?: string;
    severity?: 'SEV1' | 'SEV2' | 'SEV3';
    year?: number;
    service?: string;
  },
) {
  const service = fields.service ?? 'srch-service';
  return prisma.incident.create({
    data: {
      slug,
      title: fields.title,
      summary: `Summary of ${fields.title}. ${TAG}`,
      severity: fields.severity ?? 'SEV2',
      status: 'resolved',
      startedAt: new Date(Date.UTC(fields.year ?? 2022, 5, 1)),
      symptoms: { create: fields.symptoms.map((text, position) => ({ position, text })) },
      steps: fields.command ? { create: [{ position: 0, text: 'Check it.', command: fields.command }] } : undefined,
      services: { create: [{ service: { connectOrCreate: { where: { name: service }, create: { name: service } } } }] },
    },
  });
}

const search = (q: string, extra: Partial<Parameters<typeof runSearch>[1]> = {}) =>
  runSearch(exec, { q, limit: 10, offset: 0, ...extra });
const slugs = async (q: string, extra = {}) => (await search(q, extra)).hits.map((h) => h.slug);

beforeAll(async () => {
  await applyMigrations(url);
  await prisma.incident.deleteMany({ where: { slug: { startsWith: 'srch-' } } });
  await createIncident('srch-arp', {
    title: 'Director answers ARP for the VIP',
    symptoms: ['Requests to the VIP land on the wrong director', 'cat /proc/sys/net/ipv4/conf/lo/arp_ignore prints 0'],
    command: 'sysctl -w net.ipv4.conf.all.arp_ignore=1',
    severity: 'SEV1',
    year: 2021,
    service: 'srch-lb',
  });
  await createIncident('srch-finwait', {
    title: 'Sockets pile up on the API gateway',
    symptoms: ['ss shows thousands of sockets in FIN_WAIT2', 'ipvsadm -l -n lists no real servers for 10.96.0.10'],
    year: 2023,
  });
  await createIncident('srch-disk', {
    title: 'Database volume filled up',
    symptoms: ['writes fail with No space left on device', 'WAL directory grows without bound'],
    severity: 'SEV3',
    year: 2023,
  });
});
afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: 'srch-' } } });
  await prisma.$disconnect();
});

describe('command tokens', () => {
  it.each([
    ['arp_ignore', 'srch-arp'],
    ['/proc/sys/net/ipv4/conf/lo/arp_ignore', 'srch-arp'],
    ['net.ipv4.conf.all.arp_ignore', 'srch-arp'],
    ['FIN_WAIT', 'srch-finwait'],
    ['FIN_WAIT2', 'srch-finwait'],
    ['ipvsadm -l -n', 'srch-finwait'],
    ['10.96.0.10', 'srch-finwait'],
    ['"No space left on device"', 'srch-disk'],
  ])('%s finds %s first among ours', async (q, slug) => {
    const found = (await slugs(q, { tag: undefined })).filter((s) => s.startsWith('srch-'));
    expect(found[0]).toBe(slug);
  });
});

describe('triggers keep the vector current', () => {
  it('indexes a new symptom, an edited one, and forgets a deleted one', async () => {
    const inc = await prisma.incident.findUniqueOrThrow({ where: { slug: 'srch-disk' } });
    await prisma.symptom.create({ data: { incidentId: inc.id, position: 9, text: 'autovacuum blocked by a zorblax lock' } });
    expect(await slugs('zorblax')).toEqual(['srch-disk']);
    await prisma.symptom.updateMany({
      where: { incidentId: inc.id, position: 9 },
      data: { text: 'autovacuum blocked by a quuxly lock' },
    });
    expect(await slugs('zorblax')).toEqual([]);
    expect(await slugs('quuxly')).toEqual(['srch-disk']);
    await prisma.symptom.deleteMany({ where: { incidentId: inc.id, position: 9 } });
    expect(await slugs('quuxly')).toEqual([]);
  });

  it('follows title edits and tag links', async () => {
    const inc = await prisma.incident.update({
      where: { slug: 'srch-disk' },
      data: { title: 'Database volume filled up (flumpted)' },
    });
    expect(await slugs('flumpted')).toEqual(['srch-disk']);
    const tag = await prisma.tag.create({ data: { name: `srch-wibble-${TAG}` } });
    await prisma.incidentTag.create({ data: { incidentId: inc.id, tagId: tag.id } });
    expect(await slugs(`wibble`)).toContain('srch-disk');
    await prisma.tag.delete({ where: { id: tag.id } });
    expect(await slugs('wibble')).not.toContain('srch-disk');
  });

  it('indexes rows written with plain SQL, as the e2e fixtures do', async () => {
    const id = randomUUID();
    await prisma.$executeRaw`INSERT INTO incidents (id, slug, title, summary, severity, status, started_at, updated_at)
      VALUES (${id}, 'srch-raw', 'Raw insert canary', 'x', 'SEV4', 'resolved', now(), now())`;
    await prisma.$executeRaw`INSERT INTO symptoms (id, incident_id, position, text) VALUES (${randomUUID()}, ${id}, 0, 'glorptastic symptom')`;
    expect(await slugs('glorptastic')).toEqual(['srch-raw']);
  });
});

describe('ranking and typos', () => {
  it('corrects a misspelled word against the indexed vocabulary', async () => {
    const r = await search('ipvsdam');
    expect(r.corrections).toContainEqual({ from: 'ipvsdam', to: 'ipvsadm' });
    expect(r.hits.map((h) => h.slug)).toContain('srch-finwait');
  });

  it('puts whole-query matches above any-word matches', async () => {
    // srch-disk shares only "volume": one word of three is below the relevance floor (issue 13).
    const found = (await slugs('sockets FIN_WAIT2 volume')).filter((s) => s.startsWith('srch-'));
    expect(found).toEqual(['srch-finwait']);
    const whole = (await slugs('sockets FIN_WAIT2')).filter((s) => s.startsWith('srch-'));
    expect(whole[0]).toBe('srch-finwait');
  });

  it('honours -exclusions and phrases', async () => {
    expect(await slugs(`${TAG} -sockets`)).not.toContain('srch-finwait');
    expect(await slugs('"wrong director"')).toContain('srch-arp');
    expect(await slugs('"director wrong"')).not.toContain('srch-arp');
  });

  it('reports the symptom that matched, highlighted', async () => {
    const hit = (await search('FIN_WAIT2 sockets')).hits.find((h) => h.slug === 'srch-finwait')!;
    expect(highlightToText(hit.matchedSymptom!)).toBe('ss shows thousands of sockets in FIN_WAIT2');
    expect(hit.matchedSymptom!.some((p) => p.mark)).toBe(true);
  });
});

// Issue 13, "results that explain themselves": every hit says whether it
// matches every word; partial matches come after, and only above the floor.
describe('the divider between all-word and some-word matches', () => {
  beforeAll(async () => {
    await createIncident('srch-div-all', {
      title: 'Blorfic cache stampede',
      symptoms: ['the frobnic proxy timed out under the blorfic cache stampede'],
    });
    await createIncident('srch-div-some', {
      title: 'Blorfic cache warmed slowly',
      symptoms: ['blorfic cache hit ratio fell to zero'],
    });
    await createIncident('srch-div-one', { title: 'Frobnic proxy restarted', symptoms: ['the frobnic proxy restarted twice'] });
  });
  // They carry the file's tag word: gone before the facet counts below.
  afterAll(() => prisma.incident.deleteMany({ where: { slug: { startsWith: 'srch-div-' } } }));

  it('marks whole-query matches, lists them first, and drops a partial match sharing one word of three', async () => {
    const r = await search('blorfic cache frobnic');
    expect(r.hits.map((h) => [h.slug, h.matchesAll])).toEqual([
      ['srch-div-all', true],
      ['srch-div-some', false],
    ]);
    // The total and the facet counts count what is shown, not what the floor dropped.
    expect(r.total).toBe(2);
    const facets = await runFacets(exec, 'blorfic cache frobnic', {}, 20);
    expect(facets.type).toEqual([{ value: 'incident', count: 2 }]);
  });

  it('keeps the whole-query matches first even when a partial match ranks higher', async () => {
    // "srch-div-some" repeats blorfic and cache in its title and symptom; still below the divider.
    const r = await search('blorfic cache frobnic', { limit: 1 });
    expect(r.hits.map((h) => h.slug)).toEqual(['srch-div-all']);
  });
});

describe('filters and facets', () => {
  it('filters by service, severity, year and type', async () => {
    expect(await slugs(TAG, { service: 'srch-lb' })).toEqual(['srch-arp']);
    expect(await slugs(TAG, { severity: 'SEV3' })).toEqual(['srch-disk']);
    expect((await slugs(TAG, { year: 2023 })).sort()).toEqual(['srch-disk', 'srch-finwait']);
    expect(await slugs(TAG, { type: 'runbook' })).toEqual([]);
  });

  it('counts every match per facet', async () => {
    const f = await runFacets(exec, TAG, {}, 20);
    expect(f.type).toEqual([{ value: 'incident', count: 3 }]);
    expect(f.severity).toEqual([
      { value: 'SEV1', count: 1 },
      { value: 'SEV2', count: 1 },
      { value: 'SEV3', count: 1 },
    ]);
    expect(f.year).toEqual([
      { value: '2023', count: 2 },
      { value: '2021', count: 1 },
    ]);
    expect(f.service).toContainEqual({ value: 'srch-lb', count: 1 });
  });

  it('pages without overlap', async () => {
    const first = await slugs(TAG, { limit: 2, offset: 0 });
    const second = await slugs(TAG, { limit: 2, offset: 2 });
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(first).not.toContain(second[0]);
  });
});

describe('hostile and odd input never fails', () => {
  const nasty = [
    '& | ! :*',
    '!!!:*&&||',
    '"unbalanced quote',
    '""',
    "'; DROP TABLE incidents; --",
    "' OR 1=1 --",
    'a:* & !b | (c <-> d)',
    '\\\\ \\x00 $$ $1 %s',
    'ünïcödé 日本語 ошибка 🔥🔥',
    '\u0000\u0001 control',
    '-',
    '- - -',
    '-only -negatives',
    'or or or',
    'the and of',
    'x'.repeat(SEARCH_QUERY_MAX),
    Array.from({ length: 80 }, (_, i) => `word${i}`)
      .join(' ')
      .slice(0, SEARCH_QUERY_MAX),
    '/'.repeat(SEARCH_QUERY_MAX),
    '<script>alert(1)</script>',
    // Query stems become a regular expression matched against titles (the title bonus): every metacharacter escaped.
    'c++ (a|b)* [x] {2,} ^$ \\d+ a.b/c?d 10.43.0.1 x.*y http://x.io/a(b http://y.io/c[d arp_ignore',
    // Each dash after a word opened one more NOT in websearch_to_tsquery's parse
    // until the tsquery overflowed: a 500 on /search and /api/search (issue 10).
    `a${'-'.repeat(32)}`,
    `a${'-'.repeat(SEARCH_QUERY_MAX - 1)}`,
    `arp ${'-'.repeat(40)}b`,
    `${'-a'.repeat(100)}`,
    `${'!'.repeat(100)}a`,
    `a ${'<->'.repeat(60)} b`,
  ];
  it.each(nasty.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : q, q]))('%s', async (_label, q) => {
    const t = performance.now();
    const r = await search(q, { limit: SEARCH_LIMIT_MAX });
    expect(r.total).toBeGreaterThanOrEqual(0);
    expect(r.hits.length).toBeLessThanOrEqual(SEARCH_LIMIT_MAX);
    await runFacets(exec, q, {}, 20);
    await runSuggestions(exec, q);
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('turns any mix of dashes, quotes and operators into a tsquery PostgreSQL accepts', async () => {
    const dashes = fc.integer({ min: 1, max: 60 }).map((n) => '-'.repeat(n));
    const other = fc.constantFrom(' ', ' ', '"', 'a', 'arp', '!', '(', '|', '&', ':*', '<->', 'or', '\\', "'", '\u0000');
    const piece = fc.oneof({ arbitrary: dashes, weight: 2 }, { arbitrary: other, weight: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 40 }), async (pieces) => {
        const a = analyzeQuery(pieces.join('').slice(0, SEARCH_QUERY_MAX));
        await prisma.$queryRaw`SELECT websearch_to_tsquery('english', ${a.strict}::text)::text, websearch_to_tsquery('english', ${a.negative}::text)::text, websearch_to_tsquery('english', ${a.phrases}::text)::text`;
      }),
      { numRuns: 300, seed: 10 },
    );
  });

  it('searches from page parameters holding a NUL in every field without an error', async () => {
    const params = parseSearchPageParams({
      q: 'arp\u0000ignore',
      service: 'srch-lb\u0000',
      tag: '\u0000',
      severity: 'SEV1\u0000',
      year: '2021\u0000',
    });
    expect(params).toMatchObject({ service: undefined, tag: undefined, severity: undefined, year: undefined });
    const r = await search(params.q, params);
    expect(r.total).toBeGreaterThanOrEqual(0);
  });

  it('still finds the document when a query mixes junk with a real word', async () => {
    expect(await slugs('& | ! arp_ignore :*')).toContain('srch-arp');
  });
});

describe('empty results and similar incidents', () => {
  it('suggests close symptoms when nothing matches', async () => {
    // Misspelled past correction: the symptoms seen before still recognise it.
    expect(await runSuggestions(exec, 'thousnds of sokets in finwait state xyzzy')).toContain(
      'ss shows thousands of sockets in FIN_WAIT2',
    );
    const suggestions = await runSuggestions(exec, 'writes fail no space left');
    expect(suggestions).toContain('writes fail with No space left on device');
  });

  it('pairs incidents by similar symptoms and shows the pairs', async () => {
    await createIncident('srch-disk-again', {
      title: 'Logging volume full',
      symptoms: ['writes fail with "No space left on device"', 'log shipping stalls'],
    });
    const inc = await prisma.incident.findUniqueOrThrow({ where: { slug: 'srch-disk-again' } });
    const rows = await exec<SimilarRow>(similarIncidentsStatement(inc.id, 5) as Prisma.Sql);
    expect(rows[0]!.slug).toBe('srch-disk');
    expect(rows[0]!.shared[0]).toMatchObject({ theirs: 'writes fail with No space left on device' });
  });
});

// Issue 13, "correction people can trust", on the seeded content (content/).
// Before, a word no document contains was swapped for any indexed word sharing
// a third of its trigrams, through its stem: consumer -> consum -> consul.
describe('corrections on the seeded content', () => {
  const CALICO_INCIDENT = 'cluster-networking-failure-2023-04';
  const KUBE2IPVS_RUNBOOK = 'kube2ipvs-troubleshooting';

  beforeAll(async () => {
    const seeded = await syncContent(prisma, path.resolve(import.meta.dirname, '../../content'));
    expect(seeded.errors).toEqual([]);
  });

  it('finds nothing for "xyzzy plugh" and names both words', async () => {
    const r = await search('xyzzy plugh');
    expect(r).toMatchObject({ total: 0, hits: [], corrections: [], unmatched: ['xyzzy', 'plugh'] });
  });

  // Before the floor, each of these returned documents sharing one common word ("world", "network", "gateway").
  it.each(['xyzzy plugh', 'banana bread recipe', 'football world cup', 'gateway football pizza', 'network banana bread'])(
    'returns nothing for the nonsense query %j',
    async (q) => {
      const r = await search(q);
      expect(r.hits.map((h) => h.slug)).toEqual([]);
      expect(r.total).toBe(0);
    },
  );

  it('still finds an incident from a paraphrase that shares only some of its words', async () => {
    const r = await search('VMs not pingable but hypervisor fine');
    expect(r.hits[0]).toMatchObject({ slug: 'vm-hosts-uncontactable', matchesAll: false });
  });

  it('shows runbook snippets as plain text cut at sentence or word boundaries, matches highlighted', async () => {
    const stored = await prisma.runbook.findUniqueOrThrow({ where: { slug: KUBE2IPVS_RUNBOOK }, select: { bodyText: true } });
    expect(stored.bodyText).toContain('How kube2ipvs fails.');
    for (const q of ['Unicorns pod VIP', 'ipvsadm timeouts', 'arp_ignore director', 'packet attraction BGP']) {
      const hit = (await search(q)).hits.find((h) => h.slug === KUBE2IPVS_RUNBOOK);
      expect(hit, q).toBeDefined();
      const text = highlightToText(hit!.snippet);
      expect(text, q).not.toMatch(/#{2,}|\*\*|`|\]\(|(^|\n)\s*[-*+]\s|```/);
      // Starts at a sentence (a capital, a digit or a command) or says it was cut; ends the same way.
      expect(text, q).toMatch(/^(…|[A-Z0-9a-z$/])/);
      expect(text, q).toMatch(/([.!?:;)]|…|\w)$/);
      expect(
        hit!.snippet.some((p) => p.mark),
        q,
      ).toBe(true);
    }
  });

  it("clears a runbook's plain text when plain SQL changes its body, and fillRunbookBodyText makes it again", async () => {
    await prisma.$executeRaw`UPDATE runbooks SET body = body || ${'\n\n## Zwingle **check**\n'} WHERE slug = ${KUBE2IPVS_RUNBOOK}`;
    const cleared = await prisma.runbook.findUniqueOrThrow({ where: { slug: KUBE2IPVS_RUNBOOK }, select: { bodyText: true } });
    expect(cleared.bodyText).toBeNull();
    // Meanwhile the snippet falls back to a rough cleanup, still without markdown syntax.
    const hit = (await search('zwingle')).hits.find((h) => h.slug === KUBE2IPVS_RUNBOOK)!;
    expect(highlightToText(hit.snippet)).not.toMatch(/##|\*\*/);
    expect(await fillRunbookBodyText(prisma)).toBeGreaterThanOrEqual(1);
    const filled = await prisma.runbook.findUniqueOrThrow({ where: { slug: KUBE2IPVS_RUNBOOK }, select: { bodyText: true } });
    expect(filled.bodyText).toContain('Zwingle check.');
  });

  it('corrects "ipvsdam" to "ipvsadm", says so, and finds the kube2ipvs runbook', async () => {
    const r = await search('ipvsdam');
    expect(r.corrections).toEqual([{ from: 'ipvsdam', to: 'ipvsadm' }]);
    expect(r.unmatched).toEqual([]);
    expect(r.hits.map((h) => h.slug)).toContain(KUBE2IPVS_RUNBOOK);
    // The facet counts run over the same corrected query.
    const facets = await runFacets(exec, 'ipvsdam', {}, 20);
    expect(facets.type.find((f) => f.value === 'runbook')?.count).toBeGreaterThan(0);
  });

  it('searches the words as typed with exact, and then reports the typo as unmatched', async () => {
    const r = await search('ipvsdam', { exact: true });
    expect(r).toMatchObject({ total: 0, corrections: [], unmatched: ['ipvsdam'] });
  });

  it('does not turn "kafka consumer lag" into "consul" and the Calico incident', async () => {
    const r = await search('kafka consumer lag');
    // Other test files may have imported corpora that do mention "consumer", so
    // whether it is reported as unmatched depends on the run; it is never "consul".
    expect(r.corrections).toEqual([]);
    expect(r.hits.map((h) => h.slug)).not.toContain(CALICO_INCIDENT);
  });

  it.each(['zookeeper quorum lost', 'etcd leader election timeout'])(
    'corrects no word of %j into an unrelated one',
    async (q) => {
      const r = await search(q);
      expect(r.corrections).toEqual([]);
    },
  );

  it('reports a word it corrected or could not find only once, in the order typed', async () => {
    const r = await search('plugh ipvsdam xyzzy ipvsdam plugh');
    expect(r.corrections).toEqual([{ from: 'ipvsdam', to: 'ipvsadm' }]);
    expect(r.unmatched).toEqual(['plugh', 'xyzzy']);
  });

  it('neither corrects nor reports command tokens, numbers or IPs', async () => {
    const r = await search('ipvsadm -l -n 10.96.0.10 FIN_WAIT2');
    expect(r.corrections).toEqual([]);
    expect(r.unmatched).toEqual([]);
  });
});

// GET /api/search looks the words up inside the search statement (decision 030):
// the same answers as resolveQuery + runSearch, in one statement unless a word
// needs a correction, and without the matched symptom the API does not return.
describe('one statement per API search', () => {
  const counting = () => {
    const sent: Prisma.Sql[] = [];
    const counted: Executor = (q) => {
      sent.push(q);
      return exec(q);
    };
    return { sent, counted };
  };
  const asApi = (q: string, extra: Partial<SearchInput> = {}) => {
    const { sent, counted } = counting();
    const input = { q, limit: 10, offset: 0, ...extra };
    return searchWithVocabulary(counted, input, EMPTY_THESAURUS, API_STATEMENT_OPTIONS).then((r) => ({ r, sent }));
  };
  const summary = (r: Awaited<ReturnType<typeof search>>) => ({
    total: r.total,
    slugs: r.hits.map((h) => h.slug),
    scores: r.hits.map((h) => h.score),
    matchesAll: r.hits.map((h) => h.matchesAll),
    corrections: r.corrections,
    unmatched: r.unmatched,
  });

  it.each([
    ['sockets FIN_WAIT2', 1],
    ['ipvsadm -l -n 10.96.0.10', 1],
    ['ipvsdam', 2],
    // Unknown words with indexed words of the same first letter: the search waits for the correction decision.
    ['xyzzy plugh', 2],
    ['"No space left on device" -wal', 1],
    ['arp_ignore director', 1],
  ])('answers %j as resolveQuery + runSearch do, in %i statement(s)', async (q, statements) => {
    const { r, sent } = await asApi(q);
    expect(summary(r)).toEqual(summary(await search(q)));
    expect(sent).toHaveLength(statements);
  });

  it('with exact, searches in one statement and still reports the typo as unmatched', async () => {
    const { r, sent } = await asApi('ipvsdam', { exact: true });
    expect(summary(r)).toEqual(summary(await search('ipvsdam', { exact: true })));
    expect(r.unmatched).toEqual(['ipvsdam']);
    expect(sent).toHaveLength(1);
  });

  it('leaves out the matched symptom, which only the page shows', async () => {
    const { r } = await asApi('FIN_WAIT2');
    expect(r.hits.map((h) => h.slug)).toContain('srch-finwait');
    expect(r.hits.every((h) => h.matchedSymptom === null)).toBe(true);
    expect((await search('FIN_WAIT2')).hits.find((h) => h.slug === 'srch-finwait')?.matchedSymptom).not.toBeNull();
  });
});

// The vocabulary rows of a query's words are kept between searches (decision 040):
// a repeated query searches in one statement without the lookup, with the same answers.
describe('vocabulary cache', () => {
  const mapCache = () => {
    const kept = new Map<string, Promise<VocabularyRow[]>>();
    const cache: VocabularyCache = (words, load) => {
      const key = words.join(' ');
      let rows = kept.get(key);
      if (!rows) {
        rows = load();
        kept.set(key, rows);
        rows.catch(() => kept.delete(key));
      }
      return rows;
    };
    return { kept, cache };
  };
  const run = (q: string, cache: VocabularyCache, exec2: Executor = exec) => {
    const sent: Prisma.Sql[] = [];
    const counted: Executor = (st) => {
      sent.push(st);
      return exec2(st);
    };
    return searchWithVocabulary(counted, { q, limit: 10, offset: 0 }, EMPTY_THESAURUS, API_STATEMENT_OPTIONS, { cache }).then(
      (r) => ({ r, sent }),
    );
  };
  const answers = (r: Awaited<ReturnType<typeof search>>) => ({
    total: r.total,
    slugs: r.hits.map((h) => h.slug),
    corrections: r.corrections,
    unmatched: r.unmatched,
  });

  it.each([['sockets FIN_WAIT2'], ['ipvsdam'], ['xyzzy plugh']])(
    'searches %j again in one statement, without the lookup, with the same answers',
    async (q) => {
      const { kept, cache } = mapCache();
      const first = await run(q, cache);
      expect(first.sent[0]!.text).toContain('vocab AS');
      expect(kept.size).toBe(1);
      // An unknown word keeps only the correction it gets, not every candidate.
      for (const row of await [...kept.values()][0]!) expect(row.candidates.length).toBeLessThanOrEqual(1);
      const again = await run(q, cache);
      expect(again.sent).toHaveLength(1);
      expect(again.sent[0]!.text).not.toContain('vocab AS');
      expect(answers(again.r)).toEqual(answers(first.r));
      expect(answers(again.r)).toEqual(answers(await search(q)));
    },
  );

  it('keeps nothing when the statement fails, and the next search looks the words up again', async () => {
    const { kept, cache } = mapCache();
    const failing: Executor = () => Promise.reject(new Error('database away'));
    await expect(run('sockets FIN_WAIT2', cache, failing)).rejects.toThrow('database away');
    await Promise.resolve();
    expect(kept.size).toBe(0);
    const next = await run('sockets FIN_WAIT2', cache);
    expect(next.sent[0]!.text).toContain('vocab AS');
    expect(next.r.hits.map((h) => h.slug)).toContain('srch-finwait');
  });
});

describe('the title stems pattern', () => {
  const matches = async (lexemes: string[], title: string) => {
    const rows = await prisma.$queryRaw<{ hit: boolean }[]>`
      WITH terms AS (SELECT unnest(${lexemes}::text[]) AS term)
      SELECT ${title}::text ~ ${TITLE_STEMS_PATTERN} AS hit`;
    return rows[0]!.hit;
  };

  it('escapes what a lexeme can hold (URL paths with brackets, dots), so any title can be tested', async () => {
    expect(await matches(['x.io/a(b', '/c[d', 'z.io/e\\f'], 'proxy at x.io/a(b failed')).toBe(true);
    expect(await matches(['x.io/a(b'], 'proxy at x.io/ab failed')).toBe(false);
    expect(await matches(['10.43.0.1'], 'route to 10.43.0.1 lost')).toBe(true);
    expect(await matches(['10.43.0.1'], 'route to 10x43y0z1 lost')).toBe(false);
  });

  it('matches nothing without a stem of 3 characters or more', async () => {
    expect(await matches([], 'anything')).toBe(false);
    expect(await matches(['ip', 'lo'], 'ip on lo')).toBe(false);
  });
});

// A head stage may read incidents in physical order instead of through the GIN
// index when its words are common (decision 040): same candidates, same answers.
describe('head stages read in order', () => {
  const sequential: HeadScan = { strict: 'sequential', loose: 'sequential' };
  const answers = (r: Awaited<ReturnType<typeof search>>) => ({
    total: r.total,
    slugs: r.hits.map((h) => h.slug),
    scores: r.hits.map((h) => h.score),
    matchesAll: r.hits.map((h) => h.matchesAll),
  });

  it.each([
    ['sockets FIN_WAIT2'],
    ['gateway failed'],
    ['pods stuck after reboot'],
    ['disk full on the primary'],
    ['arp_ignore director'],
    ['latency'],
  ])('answers %j as the index does', async (q) => {
    const input = { q, limit: 20, offset: 0 };
    const byIndex = await runSearch(exec, input, undefined, { headScan: INDEX_HEAD_SCAN });
    const inOrder = await runSearch(exec, input, undefined, { headScan: sequential });
    expect(answers(inOrder)).toEqual(answers(byIndex));
  });

  // A large table is read with a TID range scan (from the first page, never in
  // parallel); a table of a few hundred rows, like this one, with a plain
  // sequential scan, which is neither synchronized nor parallel at that size.
  it('reads them in order, not through the title and symptoms index', async () => {
    const st = searchStatement(analyzeQuery('gateway'), [], {}, 10, 0, [], { headScan: sequential });
    const plan = (await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${st.text}`, ...st.values))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/(Tid Range|Seq) Scan on incidents/);
    expect(plan).not.toMatch(/incidents_search_head_idx|Parallel/);
  });
});

describe('a query with excluded words', () => {
  // Each test of a stored vector reads it from TOAST again; a head match of
  // such a query is tested against the whole vector (the excluded word may be
  // in the narrative) and ranked, from one copy (sql.ts candidates).
  it('tests and ranks each candidate from one copy of its vector', async () => {
    const st = searchStatement(analyzeQuery('sockets -volume'), [], {}, 10, 0);
    const lines = (await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${st.text}`, ...st.values)).map(
      (r) => r['QUERY PLAN'],
    );
    const filters = lines.filter((l) => /^\s*(Join )?Filter:/.test(l));
    // The copy: setweight(vector, 'A', '{}'), the vector as it is (sql.ts candidates).
    const copy = String.raw`\(setweight\(\w+\.search_vector, 'A'::"char", '\{\}'::text\[\]\)\) @@ q(_\d+)?`;
    expect(filters.join('\n')).toMatch(new RegExp(`${copy}\\.strict`));
    expect(filters.join('\n')).toMatch(new RegExp(`${copy}\\.neg`));
    // Not the stored vector itself (a stage's own match may be a filter too, on a small table).
    expect(filters.join('\n')).not.toMatch(/strict_monotone OR \((\w+\.)?search_vector @@|search_vector @@ q(_\d+)?\.neg/);
  });

  it('copies vectors exactly: every weight and position of every stored vector', async () => {
    const [row] = await prisma.$queryRawUnsafe<{ differ: number; total: number }[]>(
      `SELECT count(*) FILTER (WHERE setweight(search_vector, 'A', '{}'::text[])::text IS DISTINCT FROM search_vector::text)::int AS differ,
              count(*)::int AS total
         FROM incidents`,
    );
    expect(row!.total).toBeGreaterThan(0);
    expect(row!.differ).toBe(0);
  });

  it('still leaves out what it excludes', async () => {
    expect(await slugs('sockets')).toContain('srch-finwait');
    expect(await slugs('sockets -FIN_WAIT2')).not.toContain('srch-finwait');
    expect(await slugs('sockets volume -FIN_WAIT2')).not.toContain('srch-finwait');
  });
});
