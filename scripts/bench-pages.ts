// `npm run bench:pages`: server response times of the main pages against a
// static file served by the same server in the same run, and the JavaScript
// each page ships. Uses BENCH_URL if given, else starts a production server on
// an in-memory embedded database with the demo content.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { syncContent } from '../lib/content/sync';
import { openTestDatabase } from '../tests/test-database';
import { buildIfNeeded } from './lib/build';
import { freePort } from './lib/embedded-postgres';
import { scriptClient } from './lib/prisma';
import { applyMigrations, ROOT } from './lib/schema-engine';

/** Requests per page; enough for a stable p95 without taking minutes. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const WARMUP = 5;
const PAGES = ['/', '/incidents', '/incidents/gs14-host-network-loss-2020-10', '/runbooks', '/runbooks/kube2ipvs-troubleshooting'];

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

async function scriptsOf(base: string, page: string) {
  const html = await (await fetch(base + page)).text();
  // Legacy-browser polyfills (noModule) are never run by a current browser: not counted.
  const srcs = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/nomodule/i.test(m[1]! + m[3]!))
    .map((m) => m[2]!);
  let raw = 0;
  let gz = 0;
  for (const src of new Set(srcs)) {
    const buf = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += buf.length;
    gz += gzipSync(buf).length;
  }
  return { srcs: [...new Set(srcs)], raw, gz };
}

let server: ChildProcess | undefined;
let stopDb: (() => Promise<void>) | undefined;
let base = process.env.BENCH_URL;
if (!base) {
  const db = await openTestDatabase();
  stopDb = db.stop;
  await applyMigrations(db.url);
  const prisma = scriptClient(db.url);
  await syncContent(prisma, path.join(ROOT, 'content'));
  await prisma.$disconnect();
  buildIfNeeded();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, PMKB_EMBEDDED_DB: db.kind === 'embedded' ? '1' : '0', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`server: next start on ${db.kind === 'embedded' ? 'embedded PGlite' : 'TEST_DATABASE_URL'}`);
}

try {
  const first = await scriptsOf(base, '/incidents');
  const staticUrl = new URL(first.srcs[0]!, base).toString();
  const baseline = await measure(staticUrl);
  console.log(`\nbaseline (a static JS file from the same server): p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms\n`);
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
  server?.kill();
  await stopDb?.();
}
