// Embedded PostgreSQL: PGlite (Postgres in WASM) served over the normal wire
// protocol by pglite-socket, so the app talks to it through @prisma/adapter-pg
// exactly as it talks to a real server.
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The socket server multiplexes clients onto PGlite's single session and keeps
// a transaction's statements together; a handful covers the app, a CLI run
// alongside it, and a test runner.
const MAX_CONNECTIONS = 16;

/** How long stop() waits for connected clients before closing the database anyway. */
const STOP_GRACE_MS = 2_000;

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startEmbeddedPostgres(opts: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> {
  const db = await PGlite.create({ dataDir: opts.dataDir, extensions: { pg_trgm } });
  const host = '127.0.0.1';
  const port = opts.port ?? (await freePort(host));
  const server = new PGLiteSocketServer({ db, host, port, maxConnections: MAX_CONNECTIONS });
  await server.start();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The socket server waits for clients to hang up; a killed app may never
      // say goodbye, so don't let that hold the data files open forever.
      await Promise.race([server.stop(), new Promise((r) => setTimeout(r, STOP_GRACE_MS))]);
      await db.close();
    },
  };
}
