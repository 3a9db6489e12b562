// Embedded PostgreSQL: PGlite (Postgres in WASM) served over the normal wire
// protocol by our own server (pglite-wire-server.ts), so the app talks to it
// through @prisma/adapter-pg exactly as it talks to a real server.
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { startWireServer, type WireServer } from './pglite-wire-server';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  server: WireServer;
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
  const server = await startWireServer({ db, host, port });
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${host}:${server.port}/postgres?sslmode=disable`,
    port: server.port,
    server,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Closes every client (an open transaction is rolled back) before the files.
      await server.stop();
      await db.close();
    },
  };
}
