// Which database a command works on, and the rule that keeps the embedded one
// safe: exactly one process opens `.data/pglite` at a time. `npm start` owns it
// while it runs and serves it on a loopback port; a CLI command run meanwhile
// connects through that port instead of opening the files a second time.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ROOT } from './schema-engine';

// PMKB_DATA_DIR lets tests use a scratch folder instead of the developer's data.
export const DATA_DIR = path.resolve(ROOT, process.env.PMKB_DATA_DIR ?? '.data');
export const PGLITE_DIR = path.join(DATA_DIR, 'pglite');
const OWNER_FILE = path.join(DATA_DIR, 'owner.json');

interface Owner {
  pid: number;
  kind: 'server' | 'command';
  url?: string;
  since: string;
}

export interface ResolvedDatabase {
  url: string;
  description: string;
  embedded: boolean;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(): Owner | undefined {
  try {
    return JSON.parse(readFileSync(OWNER_FILE, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Atomically claims `.data/`; returns the live owner instead if there is one. */
function claim(owner: Owner): Owner | undefined {
  mkdirSync(DATA_DIR, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(OWNER_FILE, JSON.stringify(owner), { flag: 'wx' });
      return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const current = readOwner();
      if (current && isAlive(current.pid) && current.pid !== process.pid) return current;
      // A crashed process left its claim behind: take it over.
      rmSync(OWNER_FILE, { force: true });
    }
  }
  throw new Error(`Could not claim ${OWNER_FILE}`);
}

function releaseClaim() {
  if (readOwner()?.pid === process.pid) rmSync(OWNER_FILE, { force: true });
}

export class EmbeddedBusyError extends Error {}

/**
 * For CLI commands: DATABASE_URL if set; else the running server's embedded
 * database; else open the embedded database in this process.
 */
export async function resolveDatabase(): Promise<ResolvedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { url: external, description: describeUrl(external), embedded: false, release: async () => {} };
  }
  const current = claim({ pid: process.pid, kind: 'command', since: new Date().toISOString() });
  if (current?.kind === 'server' && current.url) {
    return {
      url: current.url,
      description: `embedded PostgreSQL served by the running app (pid ${current.pid})`,
      embedded: true,
      release: async () => {},
    };
  }
  if (current) {
    throw new EmbeddedBusyError(
      `The embedded database in ${DATA_DIR} is in use by another command (pid ${current.pid}). ` +
        'Wait for it to finish and try again.',
    );
  }
  return openClaimedEmbedded();
}

/** For `npm start`: become the owner of the embedded database and serve it. */
export async function serveEmbeddedDatabase(): Promise<ResolvedDatabase> {
  const current = claim({ pid: process.pid, kind: 'server', since: new Date().toISOString() });
  if (current) {
    throw new EmbeddedBusyError(
      current.kind === 'server'
        ? `The app is already running on this embedded database (pid ${current.pid}). Stop it first, or set DATABASE_URL.`
        : `A command (pid ${current.pid}) is using the embedded database. Wait for it to finish and try again.`,
    );
  }
  // Publish the socket URL so commands run meanwhile connect through it.
  return openClaimedEmbedded((url) =>
    writeFileSync(OWNER_FILE, JSON.stringify({ pid: process.pid, kind: 'server', url, since: new Date().toISOString() })),
  );
}

/** Opens the data folder this process has claimed; the claim is released with it, or at once on failure. */
async function openClaimedEmbedded(onOpen?: (url: string) => void): Promise<ResolvedDatabase> {
  try {
    const pg = await startEmbeddedPostgres({ dataDir: PGLITE_DIR });
    onOpen?.(pg.url);
    return {
      url: pg.url,
      description: `embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), PGLITE_DIR) || PGLITE_DIR}`,
      embedded: true,
      async release() {
        await pg.stop();
        releaseClaim();
      },
    };
  } catch (err) {
    releaseClaim();
    throw err;
  }
}

/** A URL fit for a log line: host, port and database, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** Runs a CLI command body against the resolved database and exits with a clear message on failure. */
export async function runWithDatabase(name: string, fn: (db: ResolvedDatabase) => Promise<void>): Promise<void> {
  let db: ResolvedDatabase | undefined;
  try {
    db = await resolveDatabase();
    console.log(`${name}: using ${db.description}`);
    await fn(db);
  } catch (err) {
    console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await db?.release();
  }
}
