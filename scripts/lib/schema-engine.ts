// Prisma's official WASM schema engine, driven through a driver adapter.
// Prisma 7's CLI downloads a native schema engine from a host this machine cannot
// reach; the WASM build ships inside an npm package and writes the same
// `_prisma_migrations` table, so `prisma migrate deploy` elsewhere accepts our
// history unchanged. See docs/decisions/001-prisma-offline-migrations.md.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine as SchemaEngineType } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { installQueue } from '../../lib/queue/schema';
import { startEmbeddedPostgres } from './embedded-postgres';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations');

type EngineModule = typeof import('@prisma/schema-engine-wasm');
let enginePromise: Promise<EngineModule> | undefined;

// Node 20 cannot `import` a .wasm file, so instantiate it by hand and hand the
// instance to wasm-bindgen's glue module.
async function loadEngineModule(): Promise<EngineModule> {
  // wasm-bindgen reports Rust panics through this global; without it a panic
  // surfaces as an unrelated TypeError.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message: string) => console.error(`schema engine panic: ${message}`),
  };
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json; resolve its entry and take the folder.
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const glue = await import(path.join(pkgDir, 'schema_engine_bg.js'));
  const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return glue as EngineModule;
}

export async function readMigrationsList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(path.join(dir, name, 'migration.sql'), 'utf8').then(
            (sql) => ({ tag: 'ok' as const, value: sql }),
            (err: Error) => ({ tag: 'error' as const, value: err.message }),
          ),
        },
      })),
    ),
  };
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

const CHARACTER_COLUMN_TYPE = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const charColumnsOf = new WeakMap<object, number[]>();

/**
 * The schema engine's introspection reads catalog columns of Postgres' one-byte
 * `"char"` type (pg_constraint.contype...). @prisma/adapter-pg 7.10 has no
 * mapping for it and fails with "Column type 'char' could not be deserialized",
 * while the engine insists on reading those columns as a character. So the
 * client reports them as text (the adapter accepts that) and remembers which
 * they were, and `withCharColumns` restores the Character type on the way out.
 * Only the migration tooling uses this.
 */
class IntrospectableClient extends pg.Client {
  // @ts-expect-error -- pg's overloads are not expressible on an override.
  override query(...args: unknown[]) {
    const callback = typeof args.at(-1) === 'function' ? (args.pop() as (e: unknown, r?: unknown) => void) : undefined;
    const first = args[0] as { submit?: unknown } | undefined;
    // @ts-expect-error -- forwarded exactly as received
    if (first && typeof first.submit === 'function') return super.query(...args, callback);
    // @ts-expect-error -- forwarded exactly as received
    const promise = (super.query(...args) as Promise<pg.QueryResult>).then((result) => {
      const charColumns: number[] = [];
      (result.fields ?? []).forEach((field, i) => {
        if (field.dataTypeID !== PG_CHAR_OID) return;
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(i);
      });
      if (charColumns.length && result.rows) charColumnsOf.set(result.rows, charColumns);
      return result;
    });
    if (!callback) return promise;
    promise.then(
      (r) => callback(null, r),
      (e) => callback(e),
    );
    return undefined;
  }
}

interface RawResult {
  columnTypes: number[];
  rows: object;
}
interface Queryable {
  queryRaw(q: unknown): Promise<RawResult>;
  startTransaction?(isolation?: unknown): Promise<Queryable>;
}

function withCharColumns<T extends object>(target: T): T {
  const q = target as unknown as Queryable;
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumnsOf.get(result.rows) ?? []) result.columnTypes[i] = CHARACTER_COLUMN_TYPE;
    return result;
  };
  if (q.startTransaction) {
    const startTransaction = q.startTransaction.bind(q);
    q.startTransaction = async (isolation) => withCharColumns(await startTransaction(isolation));
  }
  return target;
}

/**
 * adapter-pg 7.10 runs a migration script by splitting it on every `;`, which
 * cuts PL/pgSQL bodies (`$$ ... $$`: trigger functions) apart. Send the script as
 * one simple-protocol query instead: Postgres parses the statements itself, and a
 * script runs all-or-nothing. See docs/decisions/005-search-ranking.md.
 */
function withWholeScripts<T extends object>(target: T): T {
  const q = target as unknown as { client: pg.Pool; onError(e: unknown): never; executeScript(s: string): Promise<void> };
  q.executeScript = async (script) => {
    try {
      await q.client.query(script);
    } catch (err) {
      q.onError(err);
    }
  };
  return target;
}

function introspectablePool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 4, Client: IntrospectableClient as unknown as typeof pg.Client });
}

/**
 * A migration-aware adapter factory whose shadow database is a throwaway
 * in-memory PGlite, so creating a migration needs neither CREATE DATABASE
 * rights nor a second server.
 */
function adapterFactoryFor(url: string, pools: pg.Pool[]) {
  const pool = (u: string) => {
    const p = introspectablePool(u);
    pools.push(p);
    return p;
  };
  const main = new PrismaPg(pool(url));
  return {
    provider: main.provider as 'postgres',
    adapterName: main.adapterName,
    connect: async () => withWholeScripts(withCharColumns(await main.connect())),
    async connectToShadowDb() {
      const shadow = await startEmbeddedPostgres({ dataDir: 'memory://' });
      const adapter = withWholeScripts(withCharColumns(await new PrismaPg(pool(shadow.url)).connect()));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadow.stop();
      };
      return adapter;
    },
  };
}

export async function withSchemaEngine<T>(
  url: string,
  fn: (engine: SchemaEngineType, datamodel: string) => Promise<T>,
): Promise<T> {
  enginePromise ??= loadEngineModule();
  const { SchemaEngine } = await enginePromise;
  const datamodel = await readFile(SCHEMA_PATH, 'utf8');
  const pools: pg.Pool[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactoryFor(url, pools));
  const log = (line: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
  };
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, datamodel]] }, log, factory);
  try {
    return await fn(engine, datamodel);
  } finally {
    engine.free();
    // Close the connections: an idle one would keep holding Prisma's migration
    // advisory lock, and the next engine would wait 10 s for it.
    await Promise.all(pools.map((p) => p.end().catch(() => {})));
  }
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/**
 * Prisma's migrations, then the job queue's own schema (graphile-worker keeps
 * its history in `graphile_worker`, apart from ours; docs/decisions/029).
 */
export async function applyMigrations(url: string): Promise<string[]> {
  const applied = await withSchemaEngine(url, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList: await readMigrationsList(),
      filters: NO_FILTER,
    });
    return out.appliedMigrationNames;
  });
  await installQueue(url);
  return applied;
}

/** Names of migrations in the folder that the database has not finished applying. */
export async function pendingMigrations(url: string): Promise<string[]> {
  return withSchemaEngine(url, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({
      migrationsList: await readMigrationsList(),
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
    return out.history?.diagnostic === 'databaseIsBehind' ? out.history.unappliedMigrationNames : [];
  });
}
