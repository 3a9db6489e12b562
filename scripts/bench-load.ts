// `npm run bench:load`: throughput and latency under load against a production
// build (`next start` on 127.0.0.1) with the demo content, in one run:
//   1. requests/s at 10 connections for a static file, /incidents, an incident
//      page, a runbook page and /api/search, each with its ratio to the static
//      file (same server, same run);
//   2. a 50-connection mixed-reading run across those URLs: p50/p99 latency,
//      errors (non-2xx, socket errors, timeouts) and 5xx;
// on a scratch database on BENCH_DATABASE_URL or TEST_DATABASE_URL (created and
// dropped here) and on the embedded database (PGlite); embedded only when
// neither is set. The table is printed and appended to docs/benchmarks.md.
// Durations: BENCH_SECONDS (each 10-connection run, default 10) and
// BENCH_MIXED_SECONDS (default 60).
import autocannon, { type Options, type Result } from 'autocannon';
import { appendBenchmark, sectionHeading } from './lib/bench-report';
import {
  benchServerUrl,
  loadDemoContent,
  scratchDatabase,
  scriptsOf,
  startNextServer,
  type BenchServer,
  type Scratch,
} from './lib/bench-server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const CONNECTIONS = 10;
const MIXED_CONNECTIONS = 50;
/** A request slower than this counts as a timeout (an error), not a very slow success. */
const REQUEST_TIMEOUT_S = 10;
/** Requests per URL before measuring: compiles lazy routes, fills caches, opens pool connections. */
const WARMUP_REQUESTS = 5;
/** The whole run must end by itself: setup, every measurement and teardown, with room for a slow machine. */
const RUN_LIMIT_MS = 2 * (10 * 60_000 + 6 * SECONDS * 1000 + MIXED_SECONDS * 1000);

const PAGES = [
  { label: '/incidents', path: '/incidents' },
  { label: 'incident page', path: '/incidents/gs14-host-network-loss-2020-10' },
  { label: 'runbook page', path: '/runbooks/kube2ipvs-troubleshooting' },
  { label: '/api/search', path: '/api/search?q=ip+neigh+failed' },
];

interface DbRun {
  db: string;
  staticPath: string;
  rows: { label: string; path: string; rps: number; ratio: number; p50: number; p99: number; bad: number }[];
  mixed: { rps: number; p50: number; p99: number; non2xx: number; errors: number; timeouts: number; s5xx: number };
  incidentJsGzKiB: number;
}

const run = (url: string, opts: Partial<Options>): Promise<Result> => autocannon({ url, timeout: REQUEST_TIMEOUT_S, ...opts });

async function warm(base: string, paths: string[]) {
  for (const p of paths) for (let i = 0; i < WARMUP_REQUESTS; i++) await (await fetch(base + p)).arrayBuffer();
}

async function measure(kind: 'postgres' | 'embedded', serverUrl: string | undefined): Promise<DbRun> {
  let db: Scratch | undefined;
  let server: BenchServer | undefined;
  try {
    db = await scratchDatabase(kind === 'postgres' ? serverUrl : undefined);
    const label = kind === 'postgres' ? 'PostgreSQL (scratch database)' : 'embedded PGlite (in memory)';
    console.log(`\n== ${label}: loading the demo content and starting next start ...`);
    await loadDemoContent(db.url);
    server = await startNextServer(db.url, db.embedded);
    const base = server.base;
    // A JS chunk of the app: served from disk by the same Next server, no app code runs.
    const incidentJs = await scriptsOf(base, PAGES[1]!.path);
    const staticPath = new URL(incidentJs.srcs[0]!, base).pathname;
    await warm(base, [staticPath, ...PAGES.map((p) => p.path)]);

    const rows: DbRun['rows'] = [];
    for (const target of [{ label: 'static file', path: staticPath }, ...PAGES]) {
      const r = await run(base + target.path, { connections: CONNECTIONS, duration: SECONDS });
      const rps = r.requests.total / r.duration;
      rows.push({
        ...target,
        rps,
        ratio: rows.length ? rps / rows[0]!.rps : 1,
        p50: r.latency.p50,
        p99: r.latency.p99,
        bad: r.non2xx + r.errors + r.timeouts,
      });
      console.log(`  ${target.label.padEnd(14)} ${rps.toFixed(1).padStart(9)} req/s`);
    }
    const m = await run(base, {
      connections: MIXED_CONNECTIONS,
      duration: MIXED_SECONDS,
      requests: [staticPath, ...PAGES.map((p) => p.path)].map((p) => ({ method: 'GET', path: p })),
    });
    return {
      db: label,
      staticPath,
      rows,
      mixed: {
        rps: m.requests.total / m.duration,
        p50: m.latency.p50,
        p99: m.latency.p99,
        non2xx: m.non2xx,
        errors: m.errors,
        timeouts: m.timeouts,
        s5xx: m['5xx'],
      },
      incidentJsGzKiB: incidentJs.gz / 1024,
    };
  } finally {
    server?.stop();
    await db?.drop().catch(() => {});
  }
}

function table(r: DbRun): string {
  const lines = [
    `**${r.db}**: ${CONNECTIONS} connections, ${SECONDS} s per URL (static file: \`${r.staticPath}\`)`,
    '',
    '| URL | req/s | vs static | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.rows.map(
      (x) =>
        `| ${x.label === 'static file' ? 'static file' : `\`${x.path}\``} | ${x.rps.toFixed(1)} | ${x.ratio.toFixed(3)}x | ${x.p50} | ${x.p99} | ${x.bad} |`,
    ),
    '',
    `Mixed reading, ${MIXED_CONNECTIONS} connections, ${MIXED_SECONDS} s, round-robin over the URLs above: ` +
      `${r.mixed.rps.toFixed(1)} req/s, p50 ${r.mixed.p50} ms, p99 ${r.mixed.p99} ms, ` +
      `errors ${r.mixed.non2xx + r.mixed.errors + r.mixed.timeouts} (non-2xx ${r.mixed.non2xx}, socket ${r.mixed.errors}, timeouts ${r.mixed.timeouts}), 5xx ${r.mixed.s5xx}`,
    '',
    `Incident page first-load JS: ${r.incidentJsGzKiB.toFixed(1)} KiB gzip`,
  ];
  return lines.join('\n');
}

const watchdog = setTimeout(() => {
  console.error(`bench:load: still running after ${Math.round(RUN_LIMIT_MS / 60_000)} min; giving up.`);
  process.exit(1);
}, RUN_LIMIT_MS);
watchdog.unref();

const serverUrl = benchServerUrl();
const kinds: ('postgres' | 'embedded')[] = serverUrl ? ['postgres', 'embedded'] : ['embedded'];
console.log(
  serverUrl
    ? 'bench:load: PostgreSQL (a scratch database on BENCH_DATABASE_URL/TEST_DATABASE_URL) and the embedded database'
    : 'bench:load: embedded database only (set BENCH_DATABASE_URL or TEST_DATABASE_URL to also measure PostgreSQL)',
);
const results: DbRun[] = [];
for (const kind of kinds) results.push(await measure(kind, serverUrl));

const heading = sectionHeading(results.map((r) => r.db).join(' and '));
const report = [heading, '', ...results.map(table).flatMap((t) => [t, ''])].join('\n');
console.log(`\n${report}`);
appendBenchmark(report);
clearTimeout(watchdog);
