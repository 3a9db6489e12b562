// `npm run bench:search`: search latency at 10k and 100k incidents (seed content
// + both public corpora + synthetic incidents) in a throwaway database, for
// (a) GET /api/search over HTTP against a production build (`next start`) and
// (b) the very same SQL statements straight through `pg`; prints p50/p95, their
// ratio and the EXPLAIN plan. Database: BENCH_DATABASE_URL or TEST_DATABASE_URL
// (a real PostgreSQL; a scratch database is created on that server and dropped
// afterwards), else an in-memory embedded PGlite (slow; use BENCH_SCALES=10000).
import path from 'node:path';
import pg from 'pg';
import { syncContent } from '../lib/content/sync';
import { poolOptions } from '../lib/db-pool';
import type { Prisma } from '../lib/generated/prisma/client';
import { importLinkList } from '../lib/import/load';
import { resolveQuery, type Executor } from '../lib/search/engine';
import { SEARCH_LIMIT_DEFAULT } from '../lib/search/schema';
import { searchStatement } from '../lib/search/sql';
import { synthIncident } from '../lib/synth/generate';
import { loadSynthetic } from '../lib/synth/load';
import { fixture, optionalCorpus } from '../tests/corpora';
import { scratchDatabase, startNextServer, type BenchServer } from './lib/bench-server';
import { scriptClient } from './lib/prisma';
import { applyMigrations, ROOT } from './lib/schema-engine';

/** Corpus sizes measured, in incidents. */
const SCALES = (process.env.BENCH_SCALES ?? '10000,100000').split(',').map(Number);
/** Passes over the query mix per scale and path; 8 x 24 queries = 192 samples for p95. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SYNTH_SEED = 42;

// The fixed mix: rare and common terms, 1 to 6 words, misspellings, phrases, commands.
const QUERIES = [
  'latency',
  'error',
  'arp_ignore',
  'ipvsadm',
  '10.43.0.1',
  'FIN_WAIT',
  'coredns',
  'gateway FAILED in ip neigh',
  'pods get no IP after reboot',
  'connections stuck in FIN_WAIT',
  'VMs not pingable but hypervisor fine',
  'certificate expired',
  'disk full no space left on device postgres',
  'kafka consumer lag grows',
  'replication lag on postgres-replica above seconds',
  'p99 latency checkout after config push rollback',
  'certifcate expird',
  'conntrak table ful',
  'kubernets dns timout',
  '"No space left on device"',
  '"connection refused"',
  'DNS -coredns',
  'redis or memcached',
  'leap second',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

async function timeApi(base: string, q: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${base}/api/search?${new URLSearchParams({ q, limit: String(SEARCH_LIMIT_DEFAULT) })}`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/api/search?q=${q}: HTTP ${res.status}`);
  return performance.now() - t;
}

const pgExec =
  (client: pg.Pool): Executor =>
  async <T>(st: Prisma.Sql) =>
    (await client.query(st.text, st.values)).rows as T[];

// The SQL path runs what the API runs: the vocabulary lookup that decides
// corrections, then the search statement.
async function timeSql(client: pg.Pool, q: string): Promise<number> {
  const t = performance.now();
  const r = await resolveQuery(pgExec(client), q);
  const st = searchStatement(r.analyzed, r.fixes, {}, SEARCH_LIMIT_DEFAULT, 0);
  await client.query(st.text, st.values);
  return performance.now() - t;
}

async function measure(base: string, client: pg.Pool) {
  for (const q of QUERIES) {
    await timeApi(base, q);
    await timeSql(client, q);
  }
  const api: number[] = [];
  const sql: number[] = [];
  const perQuery = new Map<string, number[]>();
  // Interleaved so both paths see the same cache state and machine load.
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const a = await timeApi(base, q);
      api.push(a);
      sql.push(await timeSql(client, q));
      perQuery.set(q, [...(perQuery.get(q) ?? []), a]);
    }
  }
  const slowest = [...perQuery]
    .map(([q, xs]) => ({ q, p50: pct(xs, 50) }))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 5);
  return { api, sql, slowest };
}

async function explain(client: pg.Pool, q: string) {
  const r = await resolveQuery(pgExec(client), q);
  const st = searchStatement(r.analyzed, r.fixes, {}, SEARCH_LIMIT_DEFAULT, 0);
  const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${st.text}`, st.values)).rows.map(
    (r) => r['QUERY PLAN'] as string,
  );
  // Index and table scans that actually ran, plus the timing lines.
  const interesting = plan.filter(
    (l) =>
      (/Index|Seq Scan on (incidents|symptoms|search_terms)/.test(l) && !/never executed/.test(l)) || /Execution Time/.test(l),
  );
  console.log(`\nEXPLAIN ANALYZE "${q}" (index use and timing; full plan with BENCH_FULL_PLAN=1):`);
  for (const line of process.env.BENCH_FULL_PLAN ? plan : interesting) console.log(`  ${line}`);
}

async function growTo(url: string, target: number) {
  const prisma = scriptClient(url);
  try {
    const have = await prisma.incident.count();
    const start = await prisma.incident.count({ where: { slug: { startsWith: `synth-${SYNTH_SEED}-` } } });
    const need = target - have;
    if (need <= 0) return;
    const t = performance.now();
    function* more() {
      for (let i = start; i < start + need; i++) yield synthIncident(SYNTH_SEED, i);
    }
    await loadSynthetic(prisma, more());
    await prisma.$executeRaw`ANALYZE`;
    console.log(`corpus: +${need} synthetic incidents -> ${target} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
  }
}

const db = await scratchDatabase();
let server: BenchServer | undefined;
// The same pool settings as the app's Prisma adapter (lib/db-pool.ts), so the
// SQL path pays the same pool checkout the API does and the ratio compares like with like.
process.env.PMKB_EMBEDDED_DB = db.embedded ? '1' : '0';
const client = new pg.Pool(poolOptions(db.url));
try {
  console.log(`bench:search on ${db.embedded ? 'embedded PGlite (in memory)' : 'PostgreSQL (scratch database)'}`);
  await applyMigrations(db.url);
  const prisma = scriptClient(db.url);
  await syncContent(prisma, path.join(ROOT, 'content'));
  // The public lists when ../shared is beside the checkout, else our own samples (the bulk is synthetic anyway).
  const lists = ['danluu-post-mortems.md', 'k8s-failure-stories.md'].map(optionalCorpus);
  const files = lists.every(Boolean)
    ? (lists as string[])
    : ['outage-summaries.md', 'cluster-stories.md'].map((f) => fixture(`link-lists/${f}`));
  for (const file of files) await importLinkList(prisma, file);
  await prisma.$disconnect();
  const started = await startNextServer(db.url, db.embedded);
  server = started;

  const summary: string[] = [];
  for (const scale of SCALES) {
    await growTo(db.url, scale);
    const { api, sql, slowest } = await measure(started.base, client);
    const line =
      `${String(scale).padStart(7)} incidents  API p50 ${ms(pct(api, 50))} p95 ${ms(pct(api, 95))}   ` +
      `SQL p50 ${ms(pct(sql, 50))} p95 ${ms(pct(sql, 95))}   API/SQL p50 ${(pct(api, 50) / pct(sql, 50)).toFixed(2)} p95 ${(pct(api, 95) / pct(sql, 95)).toFixed(2)}`;
    console.log(line);
    summary.push(line);
    console.log(`  slowest queries (API p50): ${slowest.map((x) => `"${x.q}" ${x.p50.toFixed(1)} ms`).join(', ')}`);
    await explain(client, 'latency');
    await explain(client, 'gateway FAILED in ip neigh');
    await explain(client, 'certifcate expird');
  }
  console.log(`\nsummary (${QUERIES.length} queries x ${ROUNDS} rounds per path, limit ${SEARCH_LIMIT_DEFAULT}):`);
  for (const line of summary) console.log(line);
} finally {
  server?.stop();
  await client.end().catch(() => {});
  await db.drop();
}
