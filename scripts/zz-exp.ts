import { run, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
async function main() {
  const emb = process.env.PGURL ? { url: process.env.PGURL, stop: async () => {} } : await startEmbeddedPostgres({ dataDir: 'memory://' });
  const pool = new pg.Pool({ connectionString: emb.url, max: 8 });
  let t = Date.now();
  await runMigrations({ pgPool: pool });
  console.log('migrations', Date.now() - t, 'ms');
  const got: number[] = [];
  const started = new Map<string, number>();
  const runner = await run({ pgPool: pool, concurrency: 8, noHandleSignals: true, pollInterval: 1000,
    taskList: { hello: async (payload: any) => { got.push(Date.now() - started.get(payload.k)!); } } });
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < 20; i++) { started.set(String(i), Date.now()); await pool.query("select graphile_worker.add_job('hello', json_build_object('k', $1::text))", [String(i)]); }
  await new Promise((r) => setTimeout(r, 2000));
  console.log('done', got.length, 'latencies', got.join(','));
  await runner.stop(); await pool.end(); await emb.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
