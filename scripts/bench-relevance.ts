// `npm run bench:relevance`: the relevance report of lib/search/relevance.int.test.ts
// (recall@1, recall@5, MRR, the precision set, every miss) on a throwaway
// database holding the seeds, our sample lists, our fixture incidents and the
// public corpora when ../shared/corpora is present; optionally again after
// growing the corpus with synthetic incidents (BENCH_RELEVANCE_SCALES=0,100000:
// total incident counts, 0 = the corpus as loaded). Appends the figures to
// docs/benchmarks.md. Database: BENCH_DATABASE_URL or TEST_DATABASE_URL (a
// scratch database is created on that server and dropped afterwards), else an
// in-memory embedded PGlite (fine for the base corpus; slow at 100k).
// BENCH_RELEVANCE_DATABASE names a database on that server to use and keep
// instead (created when missing): loading 100k incidents takes 15 to 30 minutes,
// so a kept corpus lets the ranking be measured again after each change.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Executor } from '../lib/search/engine';
import { synthIncident } from '../lib/synth/generate';
import { loadSynthetic } from '../lib/synth/load';
import {
  corporaPresent,
  formatReport,
  loadRelevanceCorpus,
  loadRelevanceSet,
  measureRelevance,
  MRR_FLOOR,
  PRECISION_FLOOR,
  RECALL_AT_5_FLOOR,
  RECALL_AT_5_FLOOR_100K,
  type RelevanceReport,
} from '../tests/relevance';
import { keptDatabase, scratchDatabase } from './lib/bench-server';
import { scriptClient } from './lib/prisma';
import { applyMigrations, ROOT } from './lib/schema-engine';

/** Corpus sizes measured, in incidents; 0 is the corpus as loaded (about 200 documents with the corpora). */
const SCALES = (process.env.BENCH_RELEVANCE_SCALES ?? '0')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n >= 0);
/** The same seed as bench:search, so both benchmarks grow the same synthetic corpus. */
const SYNTH_SEED = 42;
/** From this size on, the lower recall@5 target for a large corpus applies. */
const LARGE_CORPUS = 100_000;
const BENCHMARKS = path.join(ROOT, 'docs', 'benchmarks.md');

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

const f3 = (x: number) => x.toFixed(3);
const mark = (value: number, floor: number) => `${f3(value)}${value >= floor ? '' : ' (below ' + floor + ')'}`;

function row(incidents: number, r: RelevanceReport): string {
  const recallFloor = incidents >= LARGE_CORPUS ? RECALL_AT_5_FLOOR_100K : RECALL_AT_5_FLOOR;
  return (
    `| ${incidents.toLocaleString('en')} | ${r.queries} | ${f3(r.recallAt1)} | ${mark(r.recallAt5, recallFloor)} | ` +
    `${mark(r.mrr, MRR_FLOOR)} | ${r.precision.empty}/${r.precision.queries} = ${mark(r.precision.rate, PRECISION_FLOOR)} | ${r.misses.length} |`
  );
}

const kept = process.env.BENCH_RELEVANCE_DATABASE;
const db = kept ? await keptDatabase(kept) : await scratchDatabase();
const prisma = scriptClient(db.url);
// The executor the app uses (lib/search/queries.ts): Prisma's $queryRaw.
const exec: Executor = (q) => prisma.$queryRaw(q);
const rows: string[] = [];
try {
  console.log(
    `bench:relevance on ${db.embedded ? 'embedded PGlite (in memory)' : 'PostgreSQL (scratch database)'}, ` +
      (corporaPresent ? 'with the public corpora' : 'without ../shared/corpora (own fixtures only)'),
  );
  await applyMigrations(db.url);
  // A kept database already holding the corpus is measured as it is (growing is resumable).
  if (!kept || (await prisma.incident.count()) === 0) await loadRelevanceCorpus(prisma, { corpora: corporaPresent });
  const set = loadRelevanceSet();
  const cases = corporaPresent ? [...set.own, ...set.corpora] : set.own;
  for (const scale of SCALES) {
    const have = await prisma.incident.count();
    if (scale > have) {
      const started = performance.now();
      const from = await prisma.incident.count({ where: { slug: { startsWith: `synth-${SYNTH_SEED}-` } } });
      function* more() {
        for (let i = from; i < from + scale - have; i++) yield synthIncident(SYNTH_SEED, i);
      }
      // A line per 10k: on a busy 2-core machine 100k takes tens of minutes.
      await loadSynthetic(prisma, more(), (done) => {
        if (done % 10_000 === 0) console.log(`corpus: ${done} of ${scale - have} synthetic incidents loaded`);
      });
      await prisma.$executeRaw`ANALYZE`;
      console.log(`corpus: +${scale - have} synthetic incidents in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const incidents = await prisma.incident.count();
    const report = await measureRelevance(exec, `${incidents.toLocaleString('en')} incidents`, cases, set.nonsense);
    console.log(formatReport(report));
    rows.push(row(incidents, report));
  }
} finally {
  await prisma.$disconnect();
  await db.drop();
}

const section = [
  `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}, search relevance (\`npm run bench:relevance\`)`,
  '',
  `_${db.embedded ? 'Embedded PGlite' : 'PostgreSQL'}; seeds + sample lists + tests/fixtures/relevance${corporaPresent ? ' + ../shared/corpora' : ''}` +
    `; floors: recall@5 ${RECALL_AT_5_FLOOR} (${RECALL_AT_5_FLOOR_100K} at 100k), MRR ${MRR_FLOOR}, precision ${PRECISION_FLOOR}._`,
  '',
  '| incidents | queries | recall@1 | recall@5 | MRR | precision (return nothing) | misses |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
].join('\n');
console.log(`\n${section}`);
appendFileSync(BENCHMARKS, `${section}\n`);
console.log(`appended to ${path.relative(ROOT, BENCHMARKS)}`);
