// What the benchmarks share: a throwaway database (a scratch database on a real
// PostgreSQL server, or an in-memory embedded one), the demo content loaded into
// it, and a production server (`next start`) on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { syncContent } from '../../lib/content/sync';
import { buildIfNeeded } from './build';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './embedded-postgres';
import { scriptClient } from './prisma';
import { applyMigrations, ROOT } from './schema-engine';

/** How long `next start` may take to answer /api/health on a busy machine. */
const SERVER_START_TIMEOUT_MS = 60_000;

export interface Scratch {
  url: string;
  embedded: boolean;
  drop(): Promise<void>;
}

/** The PostgreSQL server the benchmarks may create scratch databases on, if any. */
export function benchServerUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

/** A plain unquoted identifier: the only template names accepted (they are spliced into SQL). */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A scratch database on `serverUrl` (dropped by drop()), or an in-memory
 * embedded one without it. With `template` (a database on the same server that
 * nobody is connected to), the scratch database starts as a file copy of it:
 * seconds instead of the minutes a 100k-incident corpus takes to load.
 */
export async function scratchDatabase(serverUrl: string | undefined = benchServerUrl(), template?: string): Promise<Scratch> {
  if (!serverUrl) {
    const db = await startEmbeddedPostgres({ dataDir: 'memory://' });
    return { url: db.url, embedded: true, drop: db.stop };
  }
  if (template !== undefined && !DATABASE_NAME.test(template)) {
    throw new Error(`the template must be a plain database name (${DATABASE_NAME}), not ${JSON.stringify(template)}`);
  }
  const name = `pmkb_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // A database name cannot be a bind parameter: this one is built from digits, the template is checked above.
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A named database on the benchmark server (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL), created when missing and never dropped: a large corpus
 * loaded once and measured again after each change.
 */
export async function keptDatabase(name: string, serverUrl: string | undefined = benchServerUrl()): Promise<Scratch> {
  if (!serverUrl) throw new Error('a kept database needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  if (!DATABASE_NAME.test(name))
    throw new Error(`the database must be a plain name (${DATABASE_NAME}), not ${JSON.stringify(name)}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    // A database name cannot be a bind parameter: this one is checked above.
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), embedded: false, drop: async () => {} };
}

/** Migrates the database and loads the demo content from content/. */
export async function loadDemoContent(url: string): Promise<void> {
  await applyMigrations(url);
  const prisma = scriptClient(url);
  try {
    await syncContent(prisma, path.join(ROOT, 'content'));
  } finally {
    await prisma.$disconnect();
  }
}

export interface BenchServer {
  base: string;
  proc: ChildProcess;
  stop(): void;
}

/** Builds if needed, then `next start` on 127.0.0.1 against `url`; resolves once /api/health answers 200. */
export async function startNextServer(
  url: string,
  embedded: boolean,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  buildIfNeeded();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        // The benchmarks read anonymously, as a public deployment would (see lib/auth/settings.ts).
        ANONYMOUS_READ: process.env.ANONYMOUS_READ ?? 'true',
        DATABASE_URL: url,
        PMKB_EMBEDDED_DB: embedded ? '1' : '0',
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        ...extraEnv,
      },
      stdio: 'ignore',
    },
  );
  const server = await answering(base, proc, '/api/health', 500);
  if (server) return server;
  throw new Error(`next start did not become healthy within ${SERVER_START_TIMEOUT_MS / 1000} s`);
}

/** The server once `path` answers 200; undefined (and the process stopped) if it exits or the start timeout passes. */
async function answering(base: string, proc: ChildProcess, path: string, pollMs: number): Promise<BenchServer | undefined> {
  const stop = () => {
    if (proc.exitCode === null) proc.kill();
  };
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline && proc.exitCode === null) {
    if (
      await fetch(base + path).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, proc, stop };
    await new Promise((r) => setTimeout(r, pollMs));
  }
  stop();
  return undefined;
}

/**
 * A bare `node:http` server in a process of its own, answering every request
 * with a small JSON body: the floor of any HTTP hop on this machine (a process
 * woken by a request, a response written), with no framework in it. Timed beside
 * Next's do-nothing route, it shows what the framework itself adds.
 */
export async function startBareNodeServer(): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const body = JSON.stringify({ status: 'ok' });
  const proc = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }); res.end(${JSON.stringify(body)}); }).listen(${port}, '127.0.0.1')`,
    ],
    { stdio: 'ignore' },
  );
  const server = await answering(base, proc, '/', 100);
  if (server) return server;
  throw new Error('the bare node:http server did not answer');
}

/** The scripts a page loads (legacy noModule polyfills excluded: a current browser never runs them), raw and gzip bytes. */
export async function scriptsOf(base: string, page: string): Promise<{ srcs: string[]; raw: number; gz: number }> {
  const html = await (await fetch(base + page)).text();
  const srcs = [
    ...new Set(
      [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
        .filter((m) => !/nomodule/i.test(m[1]! + m[3]!))
        .map((m) => m[2]!),
    ),
  ];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const buf = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += buf.length;
    gz += gzipSync(buf).length;
  }
  return { srcs, raw, gz };
}
