// `npm run bench:pages`: server response times of the main pages against a
// static file served by the same server in the same run, and the JavaScript
// each page ships. Uses BENCH_URL if given, else starts a production server on
// an in-memory embedded database (or a scratch database on TEST_DATABASE_URL)
// with the demo content.
import { loadDemoContent, scratchDatabase, scriptsOf, startNextServer, type BenchServer } from './lib/bench-server';

/** Requests per page; enough for a stable p95 without taking minutes. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const WARMUP = 5;
const PAGES = [
  '/',
  '/incidents',
  '/incidents/gs14-host-network-loss-2020-10',
  '/runbooks',
  '/runbooks/kube2ipvs-troubleshooting',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function time(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t;
}

async function measure(url: string) {
  for (let i = 0; i < WARMUP; i++) await time(url);
  const xs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) xs.push(await time(url));
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

let server: BenchServer | undefined;
let stopDb: (() => Promise<void>) | undefined;
let base = process.env.BENCH_URL;
if (!base) {
  const db = await scratchDatabase(process.env.TEST_DATABASE_URL);
  stopDb = db.drop;
  await loadDemoContent(db.url);
  server = await startNextServer(db.url, db.embedded);
  base = server.base;
  console.log(`server: next start on ${db.embedded ? 'embedded PGlite' : 'a scratch database on TEST_DATABASE_URL'}`);
}

try {
  const first = await scriptsOf(base, '/incidents');
  const staticUrl = new URL(first.srcs[0]!, base).toString();
  const baseline = await measure(staticUrl);
  console.log(
    `\nbaseline (a static JS file from the same server): p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms\n`,
  );
  console.log('page'.padEnd(44), 'p50 ms', ' p95 ms', ' p50/baseline', ' JS files', ' JS KiB', ' JS KiB gz');
  for (const page of PAGES) {
    const { p50, p95 } = await measure(base + page);
    const js = await scriptsOf(base, page);
    console.log(
      page.padEnd(44),
      p50.toFixed(1).padStart(6),
      p95.toFixed(1).padStart(7),
      `${(p50 / baseline.p50).toFixed(1)}x`.padStart(13),
      String(js.srcs.length).padStart(9),
      (js.raw / 1024).toFixed(1).padStart(7),
      (js.gz / 1024).toFixed(1).padStart(10),
    );
  }
} finally {
  server?.stop();
  await stopDb?.();
}
