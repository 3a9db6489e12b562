// The embedded database with many clients at once: each client's
// extended-protocol exchanges and transactions stay whole, others queue, a
// client that vanishes mid-transaction is rolled back, and the limits answer
// with a clear error. Runs on its own in-memory PGlite whatever
// TEST_DATABASE_URL says: it tests our wire server, not the schema.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { MAX_CONNECTIONS, MAX_MESSAGE_BYTES } from './pglite-wire-server';

/** More clients than the app's pool, a CLI and a test runner together. */
const CLIENTS = 24;
const ROUNDS = 6;

let server: EmbeddedPostgres;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: 'memory://' });
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  await c.query('CREATE TABLE wire_rows (client int NOT NULL, round int NOT NULL, note text)');
  await c.end();
});
afterAll(() => server?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  return c;
}

/** One client's work: parameterised queries, committed and rolled-back transactions, one failed statement. */
async function work(id: number): Promise<number> {
  const c = await connect();
  let committed = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Extended protocol (Parse/Bind/Execute/Sync) with parameters of this client.
      const { rows } = await c.query('SELECT $1::int * 1000 + $2::int AS v, $3::text AS who', [id, round, `client-${id}`]);
      expect(rows).toEqual([{ v: id * 1000 + round, who: `client-${id}` }]);

      await c.query('BEGIN');
      const before = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM wire_rows');
      await c.query('INSERT INTO wire_rows (client, round, note) VALUES ($1, $2, $3)', [id, round, 'x']);
      // Give the others every chance to slip in: nobody may while we hold the transaction.
      await sleep(round % 3);
      const after = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM wire_rows');
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
      if ((id + round) % 3 === 0) {
        await c.query('ROLLBACK');
      } else if ((id + round) % 5 === 0) {
        // A failed statement leaves the transaction aborted ('E'); it is still ours until ROLLBACK.
        await expect(c.query('SELECT 1 / $1::int', [0])).rejects.toThrow(/division by zero/);
        await expect(c.query('SELECT 1')).rejects.toThrow(/current transaction is aborted/);
        await c.query('ROLLBACK');
      } else {
        await c.query('COMMIT');
        committed++;
      }
    }
  } finally {
    await c.end();
  }
  return committed;
}

describe('embedded database: many clients on one PGlite', () => {
  it(`keeps ${CLIENTS} concurrent clients' exchanges and transactions whole`, async () => {
    // One client leaves in the middle of its transaction, holding PGlite.
    const leaver = (async () => {
      const c = await connect();
      c.on('error', () => {});
      await c.query('BEGIN');
      await c.query("INSERT INTO wire_rows (client, round, note) VALUES (-1, 0, 'left mid-transaction')");
      (c as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    })();
    const results = await Promise.all([leaver, ...Array.from({ length: CLIENTS }, (_, i) => work(i + 1))]);
    const committed = results.slice(1) as number[];

    const c = await connect();
    try {
      const { rows } = await c.query<{ client: number; n: number }>(
        'SELECT client, count(*)::int AS n FROM wire_rows GROUP BY client ORDER BY client',
      );
      const expected = committed.map((n, i) => ({ client: i + 1, n })).filter((r) => r.n > 0);
      expect(rows).toEqual(expected);
      // The leaver's transaction was rolled back for it, and PGlite is idle again.
      expect((await c.query('SELECT count(*)::int AS n FROM wire_rows WHERE client = -1')).rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
    await sleep(50);
    expect(server.server.stats()).toEqual({ connections: 0, waiting: 0, holding: false, queuedBytes: 0 });
  });

  it('a waiting client waits as long as a transaction takes, without a timeout', async () => {
    const a = await connect();
    const b = await connect();
    try {
      await a.query('BEGIN');
      await a.query("INSERT INTO wire_rows (client, round, note) VALUES (-2, 0, 'slow')");
      const bSees = b.query<{ n: number }>('SELECT count(*)::int AS n FROM wire_rows WHERE client = -2');
      await sleep(1_500);
      expect(server.server.stats().waiting).toBe(1);
      await a.query('COMMIT');
      expect((await bSees).rows[0]!.n).toBe(1);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it(`refuses connection ${MAX_CONNECTIONS + 1} with a clear error, and serves again after`, async () => {
    const open = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => connect()));
    try {
      const extra = new pg.Client({ connectionString: server.url });
      await expect(extra.connect()).rejects.toThrow(new RegExp(`too many clients already.*at most ${MAX_CONNECTIONS}`));
    } finally {
      await Promise.all(open.map((c) => c.end()));
    }
    const again = await connect();
    expect((await again.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await again.end();
  });

  it('answers an oversized message with an error and closes only that connection', async () => {
    const c = await connect();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('error', reject);
      socket.on('data', (d) => chunks.push(d));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
      const startup = Buffer.from('\0\0\0\0\0\x03\0\0user\0postgres\0database\0postgres\0\0', 'latin1');
      startup.writeInt32BE(startup.length, 0);
      const huge = Buffer.alloc(5);
      huge.write('Q', 0, 'latin1');
      huge.writeInt32BE(MAX_MESSAGE_BYTES + 10, 1);
      socket.write(Buffer.concat([startup, huge]));
    });
    expect(reply).toContain('C54000');
    expect(reply).toMatch(/exceeds the embedded database's limit/);
    expect((await c.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await c.end();
  });
});
