// `npm run bench:search-ab -- <checkout> <checkout> [...]`: the search
// statements of two or more checkouts of this repository, timed query by query
// and interleaved, on one database that holds a corpus already
// (BENCH_AB_DATABASE_URL, for example a copy of the 100k template that
// bench:search uses). It measures what bench:search cannot tell apart on a
// shared machine whose speed drifts within minutes: a change to the statements
// against its parent, at the same moment, over the same connection settings.
// Each checkout's lib/search (engine and SQL) and named-statement executor are
// imported from that checkout (a worktree of the parent commit, say); the word
// shares, thesaurus and vocabulary rows are loaded once per checkout as the app
// loads them. Prints each query's p50, the overall p50/p95, and whether the
// answers (total, page, scores) are identical, and appends them to docs/benchmarks.md.
import path from 'node:path';
import pg from 'pg';
import { poolOptions } from '../lib/db-pool';
import { appendBenchmark, sectionHeading } from './lib/bench-report';
import { apiInput, loadHeadShares, loadThesaurus, pct, QUERIES, vocabularyMemo } from './lib/search-bench';

type Engine = typeof import('../lib/search/engine');
type Prepared = typeof import('../lib/prepared-statements');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const url = process.env.BENCH_AB_DATABASE_URL;
const checkouts = process.argv.slice(2).map((c) => path.resolve(c));
if (!url || checkouts.length < 2) {
  console.error('usage: BENCH_AB_DATABASE_URL=postgresql://... npm run bench:search-ab -- <checkout> <checkout> [...]');
  process.exit(2);
}

interface Side {
  checkout: string;
  pool: pg.Pool;
  search(q: string): Promise<{ ms: number; answer: string }>;
}

async function side(checkout: string): Promise<Side> {
  const engine = (await import(path.join(checkout, 'lib/search/engine.ts'))) as Engine;
  const { preparedStatement } = (await import(path.join(checkout, 'lib/prepared-statements.ts'))) as Prepared;
  const pool = new pg.Pool({ ...poolOptions(url!), max: 1 });
  const [shares, thesaurus] = [await loadHeadShares(pool), await loadThesaurus(pool)];
  const { cache } = vocabularyMemo();
  const exec: import('../lib/search/engine').Executor = async (st) => (await pool.query(preparedStatement(st))).rows;
  return {
    checkout,
    pool,
    async search(q) {
      const t = performance.now();
      const out = await engine.searchWithVocabulary(exec, apiInput(q), thesaurus, engine.API_STATEMENT_OPTIONS, {
        cache,
        shares,
      });
      const ms = performance.now() - t;
      return { ms, answer: JSON.stringify([out.total, out.hits.map((h) => [h.url, h.score])]) };
    },
  };
}

const sides: Side[] = [];
for (const c of checkouts) sides.push(await side(c));
try {
  const answers = sides.map(() => new Map<string, string>());
  // One pass unmeasured: vocabulary rows cached, statements prepared, pages warm.
  for (const [i, s] of sides.entries()) for (const q of QUERIES) answers[i]!.set(q, (await s.search(q)).answer);
  const times = sides.map(() => new Map<string, number[]>(QUERIES.map((q) => [q, []])));
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      // Rotate which checkout goes first, so neither always runs on a just-woken machine.
      for (let k = 0; k < sides.length; k++) {
        const i = (k + round) % sides.length;
        times[i]!.get(q)!.push((await sides[i]!.search(q)).ms);
      }
    }
  }
  const names = checkouts.map((c) => path.basename(c));
  const rows = QUERIES.map(
    (q) => `| ${q.replaceAll('|', '\\|')} | ${times.map((t) => pct(t.get(q)!, 50).toFixed(1)).join(' | ')} |`,
  );
  const all = times.map((t) => [...t.values()].flat());
  const differ = QUERIES.filter((q) => answers.some((a) => a.get(q) !== answers[0]!.get(q)));
  const report = [
    sectionHeading('bench:search-ab (the statements of several checkouts, interleaved)'),
    '',
    `_${QUERIES.length} queries x ${ROUNDS} rounds per checkout, limit ${apiInput('').limit}, one connection each; checkouts: ${checkouts.join(', ')}._`,
    '',
    `| query (p50 ms) | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
    ...rows,
    `| **all, p50** | ${all.map((xs) => pct(xs, 50).toFixed(1)).join(' | ')} |`,
    `| **all, p95** | ${all.map((xs) => pct(xs, 95).toFixed(1)).join(' | ')} |`,
    '',
    differ.length
      ? `Answers differ for: ${differ.map((q) => JSON.stringify(q)).join(', ')}.`
      : 'Answers identical for every query.',
    '',
  ].join('\n');
  console.log(report);
  appendBenchmark(report);
} finally {
  for (const s of sides) await s.pool.end();
}
