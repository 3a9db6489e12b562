// `npm run bench:search`: search latency at 10k and 100k incidents (seed content
// + both public corpora + synthetic incidents) in a throwaway database, for
// (a) GET /api/search over HTTP against a production build (`next start`) and
// (b) the very same SQL statements straight through `pg`; prints p50/p95, their
// ratio, where the API's time goes (its Server-Timing stages) and the EXPLAIN
// plan, and appends the figures to docs/benchmarks.md.
//
// Database: BENCH_DATABASE_URL or TEST_DATABASE_URL (a real PostgreSQL; a
// scratch database is created on that server and dropped afterwards), else an
// in-memory embedded PGlite (slow; use BENCH_SCALES=10000). BENCH_TEMPLATE_DATABASE
// names a database on that server holding the corpus already (built with
// `tsx scripts/search-corpus.ts`): the scratch database is copied from it.
// BENCH_NOTE is printed in the appended section (what this run is, e.g. "before").
import pg from 'pg';
import { poolOptions } from '../lib/db-pool';
import type { Prisma } from '../lib/generated/prisma/client';
import { parseServerTiming } from '../lib/metrics/stage-timer';
import { preparedStatement } from '../lib/prepared-statements';
import { API_STATEMENT_OPTIONS, searchWithVocabulary, type Executor } from '../lib/search/engine';
import type { HeadShares } from '../lib/search/head-scan';
import { SEARCH_LIMIT_DEFAULT } from '../lib/search/schema';
import type { Thesaurus } from '../lib/search/synonyms';
import { appendBenchmark, sectionHeading } from './lib/bench-report';
import { scratchDatabase, startBareNodeServer, startNextServer, type BenchServer } from './lib/bench-server';
import { apiInput, loadHeadShares, loadThesaurus, pct, QUERIES, vocabularyMemo } from './lib/search-bench';
import { growTo, loadBaseCorpus } from './lib/search-corpus';

/** Corpus sizes measured, in incidents. */
const SCALES = (process.env.BENCH_SCALES ?? '10000,100000').split(',').map(Number);
/** Passes over the query mix per scale and path; 8 x 24 queries = 192 samples for p95. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);

const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

/** Server-Timing stages of GET /api/search (app/api/search/route.ts, lib/search/queries.ts), in request order. */
const API_STAGES = ['auth', 'thesaurus', 'vocabulary', 'search', 'shape', 'json'] as const;
const STAGE_LABEL: Record<(typeof API_STAGES)[number] | 'framework', string> = {
  framework: 'HTTP + Next.js (total minus the stages below)',
  auth: 'auth (who is calling)',
  thesaurus: 'synonym thesaurus (process cache)',
  vocabulary: 'vocabulary lookup (before: a statement of its own)',
  search: 'search statement(s), vocabulary lookup inside',
  shape: 'snippets and highlights',
  json: 'JSON serialization',
};

interface ApiSample {
  total: number;
  stages: Map<string, number>;
}

async function timeApi(base: string, q: string): Promise<ApiSample> {
  const t = performance.now();
  const res = await fetch(`${base}/api/search?${new URLSearchParams({ q, limit: String(SEARCH_LIMIT_DEFAULT) })}`);
  await res.arrayBuffer();
  const total = performance.now() - t;
  if (res.status !== 200) throw new Error(`/api/search?q=${q}: HTTP ${res.status}`);
  return { total, stages: parseServerTiming(res.headers.get('server-timing')) };
}

/**
 * A GET that does nothing, timed the same way: Next.js's own floor (`GET
 * /api/health/live`: no database, no auth) and, on a bare node:http server, the
 * floor of any HTTP hop on this machine.
 */
async function timeGet(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return performance.now() - t;
}

const pgExec =
  (client: pg.Pool, statements: number[]): Executor =>
  async <T>(st: Prisma.Sql) => {
    const t = performance.now();
    // Named as the API's are (lib/db.ts queryRows).
    const rows = (await client.query(preparedStatement(st))).rows as T[];
    statements.push(performance.now() - t);
    return rows;
  };

interface SqlSample {
  total: number;
  /** Each statement's time, in order (one, or two when a word needed a correction). */
  statements: number[];
}

const vocabulary = vocabularyMemo();

// The SQL path runs what the API runs, with the same thesaurus (the app reads it
// from its process cache): the engine's searchWithVocabulary through pg.
async function timeSql(client: pg.Pool, q: string, thesaurus: Thesaurus, shares: HeadShares): Promise<SqlSample> {
  const statements: number[] = [];
  const t = performance.now();
  await searchWithVocabulary(pgExec(client, statements), apiInput(q), thesaurus, API_STATEMENT_OPTIONS, {
    cache: vocabulary.cache,
    shares,
  });
  return { total: performance.now() - t, statements };
}

async function measure(base: string, bare: string, client: pg.Pool, thesaurus: Thesaurus, shares: HeadShares) {
  // The first pass finds every query new: vocabulary not yet cached, statements
  // not yet planned on the connection. Reported on its own, not in the p50/p95.
  const firstApi: number[] = [];
  const firstSql: number[] = [];
  for (const q of QUERIES) {
    firstApi.push((await timeApi(base, q)).total);
    firstSql.push((await timeSql(client, q, thesaurus, shares)).total);
  }
  const api: ApiSample[] = [];
  const sql: SqlSample[] = [];
  const noop: number[] = [];
  const bareNode: number[] = [];
  const perQuery = new Map<string, number[]>();
  // Interleaved so both paths see the same cache state and machine load.
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const a = await timeApi(base, q);
      api.push(a);
      sql.push(await timeSql(client, q, thesaurus, shares));
      noop.push(await timeGet(`${base}/api/health/live`));
      bareNode.push(await timeGet(bare));
      perQuery.set(q, [...(perQuery.get(q) ?? []), a.total]);
    }
  }
  const slowest = [...perQuery]
    .map(([q, xs]) => ({ q, p50: pct(xs, 50) }))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 5);
  return { api, sql, noop, bareNode, slowest, first: { api: firstApi, sql: firstSql } };
}

interface ScaleResult {
  scale: number;
  api: ApiSample[];
  sql: SqlSample[];
  /** GET /api/health/live, interleaved with the searches. */
  noop: number[];
  /** A GET of a bare node:http server, interleaved with the searches. */
  bareNode: number[];
  slowest: { q: string; p50: number }[];
  first: { api: number[]; sql: number[] };
}

/** The first pass over the mix (each query new to the caches and connections). */
function firstPassLine({ first }: ScaleResult): string {
  return (
    `first pass (vocabulary not cached, statements not yet planned; ${first.api.length} queries): ` +
    `API p50 ${pct(first.api, 50).toFixed(1)} ms, max ${Math.max(...first.api).toFixed(1)} ms; ` +
    `SQL p50 ${pct(first.sql, 50).toFixed(1)} ms, max ${Math.max(...first.sql).toFixed(1)} ms`
  );
}

function summaryLine({ scale, api, sql }: ScaleResult): string {
  const a = api.map((x) => x.total);
  const s = sql.map((x) => x.total);
  return (
    `${String(scale).padStart(7)} incidents  API p50 ${ms(pct(a, 50))} p95 ${ms(pct(a, 95))}   ` +
    `SQL p50 ${ms(pct(s, 50))} p95 ${ms(pct(s, 95))}   API/SQL p50 ${(pct(a, 50) / pct(s, 50)).toFixed(2)} p95 ${(pct(a, 95) / pct(s, 95)).toFixed(2)}`
  );
}

function statementsPerRequest(sql: SqlSample[]): string {
  const counts = new Map<number, number>();
  for (const x of sql) counts.set(x.statements.length, (counts.get(x.statements.length) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([n, c]) => `${n} in ${((100 * c) / sql.length).toFixed(0)}%`)
    .join(', ');
}

/** Where the API's time goes, stage by stage, beside the same statements through pg. */
function breakdown({ api, sql, noop, bareNode }: ScaleResult): string[] {
  const row = (label: string, xs: number[]) => `| ${label} | ${pct(xs, 50).toFixed(2)} | ${pct(xs, 95).toFixed(2)} |`;
  // A stage a request skipped (no plain word to look up) took 0 ms.
  const stage = (name: string) => api.map((x) => x.stages.get(name) ?? 0);
  const handler = api.map((x) => API_STAGES.reduce((sum, s) => sum + (x.stages.get(s) ?? 0), 0));
  const framework = api.map((x, i) => x.total - handler[i]!);
  return [
    '| part | p50 ms | p95 ms |',
    '|---|---:|---:|',
    row(
      '**API total** (client, over HTTP)',
      api.map((x) => x.total),
    ),
    row(STAGE_LABEL.framework, framework),
    ...API_STAGES.map((s) => row(STAGE_LABEL[s], stage(s))),
    row(
      '**SQL total** (the same statements through pg)',
      sql.map((x) => x.total),
    ),
    row(
      'statements, through pg',
      sql.map((x) => x.statements.reduce((sum, t) => sum + t, 0)),
    ),
    row('for comparison: GET /api/health/live, a route that does nothing', noop),
    row('for comparison: a bare node:http server (no framework), same client', bareNode),
    '',
    `Statements per request: ${statementsPerRequest(sql)}.`,
  ];
}

async function explain(client: pg.Pool, q: string, thesaurus: Thesaurus, shares: HeadShares) {
  // The statement that searched, as a repeated query sends it (vocabulary kept, word shares known).
  const sent: Prisma.Sql[] = [];
  const capture: Executor = async <T>(st: Prisma.Sql) => {
    sent.push(st);
    return (await client.query(st.text, st.values)).rows as T[];
  };
  await searchWithVocabulary(capture, apiInput(q), thesaurus, API_STATEMENT_OPTIONS, { cache: vocabulary.cache, shares });
  const st = sent[sent.length - 1]!;
  const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${st.text}`, st.values)).rows.map(
    (r) => r['QUERY PLAN'] as string,
  );
  // Index and table scans that actually ran, plus the timing lines.
  const interesting = plan.filter(
    (l) =>
      (/Index|Tid Range Scan|Seq Scan on (incidents|symptoms|search_terms)/.test(l) && !/never executed/.test(l)) ||
      /Execution Time/.test(l),
  );
  console.log(`\nEXPLAIN ANALYZE "${q}" (index use and timing; full plan with BENCH_FULL_PLAN=1):`);
  for (const line of process.env.BENCH_FULL_PLAN ? plan : interesting) console.log(`  ${line}`);
}

const template = process.env.BENCH_TEMPLATE_DATABASE;
const db = await scratchDatabase(undefined, template);
let server: BenchServer | undefined;
let bare: BenchServer | undefined;
// The same pool settings as the app's Prisma adapter (lib/db-pool.ts), so the
// SQL path pays the same pool checkout the API does and the ratio compares like with like.
process.env.PMKB_EMBEDDED_DB = db.embedded ? '1' : '0';
const client = new pg.Pool(poolOptions(db.url));
try {
  const where = db.embedded ? 'embedded PGlite (in memory)' : 'PostgreSQL (scratch database)';
  console.log(`bench:search on ${where}${template ? `, copied from ${template}` : ''}`);
  await loadBaseCorpus(db.url);
  const thesaurus = await loadThesaurus(client);
  bare = await startBareNodeServer();

  const results: ScaleResult[] = [];
  for (const scale of SCALES) {
    await growTo(db.url, scale);
    vocabulary.clear();
    // A server started on the grown corpus reads the same word shares (ANALYZE's) as the SQL path does here.
    server?.stop();
    // Stage timings come back in the Server-Timing header (off unless asked for).
    server = await startNextServer(db.url, db.embedded, { PMKB_SERVER_TIMING: 'on' });
    const shares = await loadHeadShares(client);
    const result = { scale, ...(await measure(server.base, bare.base, client, thesaurus, shares)) };
    results.push(result);
    console.log(summaryLine(result));
    console.log(`  slowest queries (API p50): ${result.slowest.map((x) => `"${x.q}" ${x.p50.toFixed(1)} ms`).join(', ')}`);
    console.log(`  ${firstPassLine(result)}`);
    console.log(breakdown(result).join('\n'));
    await explain(client, 'latency', thesaurus, shares);
    await explain(client, 'gateway FAILED in ip neigh', thesaurus, shares);
    await explain(client, 'p99 latency checkout after config push rollback', thesaurus, shares);
  }
  const samples = `${QUERIES.length} queries x ${ROUNDS} rounds per path, limit ${SEARCH_LIMIT_DEFAULT}`;
  console.log(`\nsummary (${samples}):`);
  for (const r of results) console.log(summaryLine(r));

  const section = [
    sectionHeading(`bench:search, ${where}`),
    '',
    `_${process.env.BENCH_NOTE ? `${process.env.BENCH_NOTE}; ` : ''}${samples}; the API path is GET /api/search on a production build, the SQL path the same statements through pg with the app's pool settings._`,
    '',
    '| incidents | API p50 / p95 | SQL p50 / p95 | API/SQL p50 / p95 | slowest (API p50) |',
    '|---|---|---|---|---|',
    ...results.map(({ scale, api, sql, slowest }) => {
      const a = api.map((x) => x.total);
      const s = sql.map((x) => x.total);
      return (
        `| ${scale} | ${pct(a, 50).toFixed(1)} / ${pct(a, 95).toFixed(1)} ms | ${pct(s, 50).toFixed(1)} / ${pct(s, 95).toFixed(1)} ms | ` +
        `${(pct(a, 50) / pct(s, 50)).toFixed(2)} / ${(pct(a, 95) / pct(s, 95)).toFixed(2)} | "${slowest[0]?.q}" ${slowest[0]?.p50.toFixed(1)} ms |`
      );
    }),
    ...results.flatMap((r) => [
      '',
      `Where the API's time goes at ${r.scale} incidents:`,
      '',
      ...breakdown(r),
      '',
      `${firstPassLine(r)}.`,
    ]),
    '',
  ].join('\n');
  appendBenchmark(section);
} finally {
  server?.stop();
  bare?.stop();
  await client.end().catch(() => {});
  await db.drop();
}
