// Session state that is per connection on PostgreSQL stays per connection on
// the embedded database, though PGlite is one session: named prepared
// statements of two clients do not collide and leave with their client, and a
// notification reaches the clients that LISTEN on its channel, not the one
// whose turn produced it. Runs on its own in-memory PGlite (no PostgreSQL
// needed). See docs/decisions/027-embedded-database-per-client-session-state.md.
import net from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { MAX_QUEUED_BYTES } from './pglite-wire-server';

/** ReadyForQuery, idle. */
const READY = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

/** Starting PGlite takes seconds on a busy machine. */
const START_TIMEOUT_MS = 60_000;
/** Long enough for a notification on loopback to arrive; an absent one is awaited this long. */
const QUIET_MS = 300;

let server: EmbeddedPostgres;
const open: pg.Client[] = [];

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: 'memory://' });
}, START_TIMEOUT_MS);
afterAll(() => server?.stop());
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.end().catch(() => {})));
});

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  open.push(c);
  return c;
}

async function leave(c: pg.Client) {
  open.splice(open.indexOf(c), 1);
  await c.end();
}

/** Statements still in the one session whose name ends with `name`, whoever made them. */
async function sessionStatements(name: string): Promise<number> {
  const c = await connect();
  const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE $1', [
    `%${name}`,
  ]);
  await leave(c);
  return rows[0]!.n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Notifications a client receives, as "channel:payload". */
function inbox(c: pg.Client): string[] {
  const got: string[] = [];
  c.on('notification', (n) => got.push(`${n.channel}:${n.payload ?? ''}`));
  return got;
}

async function until(check: () => boolean, what: string, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('named prepared statements are per connection', () => {
  it('two clients prepare the same name with different text, and each runs its own', async () => {
    const a = await connect();
    const b = await connect();
    // pg prepares a named query on first use per connection (Parse with the name).
    const ra = await a.query({ name: 'who_am_i', text: "SELECT 'a'::text AS who, $1::int AS n", values: [1] });
    const rb = await b.query({ name: 'who_am_i', text: "SELECT 'b'::text AS who, $1::int * 10 AS n", values: [2] });
    expect(ra.rows).toEqual([{ who: 'a', n: 1 }]);
    expect(rb.rows).toEqual([{ who: 'b', n: 20 }]);
    // Reused (Bind by name only) in any order.
    expect((await b.query({ name: 'who_am_i', text: '', values: [3] })).rows).toEqual([{ who: 'b', n: 30 }]);
    expect((await a.query({ name: 'who_am_i', text: '', values: [4] })).rows).toEqual([{ who: 'a', n: 4 }]);
  });

  it('an error about a statement names it as the client did', async () => {
    const a = await connect();
    await a.query({ name: 'twice', text: 'SELECT 1' });
    // Make pg forget it prepared the name, so it sends Parse again: PostgreSQL refuses a duplicate.
    (a as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements = {};
    const err = await a.query({ name: 'twice', text: 'SELECT 1' }).catch((e: Error) => e);
    expect((err as Error).message).toBe('prepared statement "twice" already exists');
  });

  it("a client's statements are gone once it disconnects, and a new client can prepare the same name", async () => {
    const a = await connect();
    await a.query({ name: 'leaves_with_client', text: 'SELECT 1 AS one' });
    expect(await sessionStatements(':leaves_with_client')).toBe(1);
    await leave(a);
    await until(() => server.server.stats().connections === 0, 'the client to be gone');
    expect(await sessionStatements(':leaves_with_client')).toBe(0);
    const b = await connect();
    const { rows } = await b.query({ name: 'leaves_with_client', text: 'SELECT 2 AS two' });
    expect(rows).toEqual([{ two: 2 }]);
  });
});

describe('LISTEN/NOTIFY across clients', () => {
  it('a NOTIFY from client B reaches A, which listens, and not B', async () => {
    const a = await connect();
    const b = await connect();
    const toA = inbox(a);
    const toB = inbox(b);
    await a.query('LISTEN incident_filed');
    await b.query("NOTIFY incident_filed, 'from b'");
    await until(() => toA.length === 1, 'the notification at A');
    await sleep(QUIET_MS);
    expect(toA).toEqual(['incident_filed:from b']);
    expect(toB).toEqual([]);
  });

  it('reaches every listener (the notifier too when it listens), once each, with quoted and folded names', async () => {
    const a = await connect();
    const b = await connect();
    const toA = inbox(a);
    const toB = inbox(b);
    // graphile-worker's own form: two quoted names in one simple query.
    await a.query('LISTEN "jobs:insert"; LISTEN Runs_Changed;');
    await b.query('listen "jobs:insert"');
    await b.query("SELECT pg_notify('jobs:insert', 'j1'), pg_notify('runs_changed', 'r1')");
    await until(() => toA.length === 2 && toB.length === 1, 'both listeners');
    await sleep(QUIET_MS);
    expect(toA.sort()).toEqual(['jobs:insert:j1', 'runs_changed:r1']);
    expect(toB).toEqual(['jobs:insert:j1']);
  });

  it('a notification sent in a transaction arrives on commit; one rolled back never does', async () => {
    const a = await connect();
    const b = await connect();
    const toA = inbox(a);
    await a.query('LISTEN committed_only');
    await b.query('BEGIN');
    await b.query("NOTIFY committed_only, 'rolled back'");
    await b.query('ROLLBACK');
    await b.query('BEGIN');
    await b.query("NOTIFY committed_only, 'kept'");
    await b.query('COMMIT');
    await until(() => toA.length === 1, 'the committed notification');
    await sleep(QUIET_MS);
    expect(toA).toEqual(['committed_only:kept']);
  });

  it('UNLISTEN stops it for that client only; UNLISTEN * stops all of its channels', async () => {
    const a = await connect();
    const b = await connect();
    const c = await connect();
    const toA = inbox(a);
    const toB = inbox(b);
    await a.query('LISTEN shared; LISTEN other');
    await b.query('LISTEN shared');
    await b.query('UNLISTEN shared');
    await c.query("NOTIFY shared, '1'");
    await until(() => toA.length === 1, 'the first notification at A');
    await a.query('UNLISTEN *');
    await c.query("NOTIFY shared, '2'; NOTIFY other, '3'");
    await sleep(QUIET_MS);
    expect(toA).toEqual(['shared:1']);
    expect(toB).toEqual([]);
  });

  it("one client's UNLISTEN does not deafen another on the same channel", async () => {
    const a = await connect();
    const b = await connect();
    const toA = inbox(a);
    await a.query('LISTEN deploys');
    await b.query('LISTEN deploys');
    await b.query('UNLISTEN deploys');
    await b.query("NOTIFY deploys, 'still heard'");
    await until(() => toA.length === 1, 'the notification at A');
    expect(toA).toEqual(['deploys:still heard']);
  });

  it('a LISTEN in a rolled-back transaction does not take effect', async () => {
    const a = await connect();
    const b = await connect();
    const toA = inbox(a);
    await a.query('BEGIN');
    await a.query('LISTEN never_committed');
    await a.query('ROLLBACK');
    await b.query("NOTIFY never_committed, 'x'");
    await sleep(QUIET_MS);
    expect(toA).toEqual([]);
  });

  it('a client that disconnects stops receiving, and the session stops listening when nobody does', async () => {
    const a = await connect();
    const b = await connect();
    await a.query('LISTEN left_behind');
    await leave(a);
    await until(() => server.server.stats().connections === 1, 'A to be gone');
    await sleep(50);
    // A notification for nobody is dropped; B did not listen, so it gets nothing either.
    const toB = inbox(b);
    await b.query("NOTIFY left_behind, 'x'");
    await sleep(QUIET_MS);
    expect(toB).toEqual([]);
    const { rows } = await b.query<{ c: string }>('SELECT pg_listening_channels() AS c');
    expect(rows.map((r) => r.c)).not.toContain('left_behind');
  });
});

describe('messages the server now reads itself', () => {
  it('a Parse without its terminating NUL ends that connection with an error, and others carry on', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    socket.write(Buffer.concat([startup, params]));
    await until(() => Buffer.concat(received).includes(Buffer.from([0x5a, 0, 0, 0, 5, 0x49])), 'ReadyForQuery');
    const body = Buffer.from('broken_name_without_end');
    const head = Buffer.alloc(5);
    head.write('P', 0, 'latin1');
    head.writeInt32BE(body.length + 4, 1);
    socket.write(Buffer.concat([head, body, Buffer.from([0x53, 0, 0, 0, 4])]));
    await closed;
    expect(Buffer.concat(received).toString('latin1')).toContain('SFATAL\0VFATAL\0C08P01\0Minvalid string in message\0');
    const other = await connect();
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  // Attack (issue 10): a local client streams one large message. The server joined
  // its input on every chunk, copying the whole message so far each time: 64 MiB
  // in 64 KiB chunks is about 34 GB of copying on the event loop every client
  // shares. 24 MiB (a third of the limit) took tens of seconds; now one copy.
  it('a large message arriving in many chunks is copied once, not once per chunk', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    socket.write(Buffer.concat([startup, params]));
    const total = 24 * 1024 * 1024;
    const head = Buffer.alloc(5);
    head.write('Q', 0, 'latin1');
    // Declared one byte longer than sent: the server only ever buffers it.
    head.writeInt32BE(total + 4 + 1, 1);
    const started = performance.now();
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (!socket.write(chunk)) await new Promise<void>((resolve) => socket.once('drain', () => resolve()));
    }
    // Every byte was taken in by the server (same process, so its copying counts here).
    const other = await connect();
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(performance.now() - started).toBeLessThan(8_000);
    socket.destroy();
    await closed;
  }, 120_000);

  // Attack (issue 10): a client that pipelines while another holds a transaction
  // (or simply faster than PGlite runs) had every byte it sent read into memory.
  // Now the server stops reading its socket past MAX_QUEUED_BYTES and reads on
  // once its turn has run them.
  it('stops reading a client that queued more than MAX_QUEUED_BYTES, and serves it all once its turn comes', async () => {
    const holder = await connect();
    await holder.query('BEGIN');
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    socket.write(Buffer.concat([startup, params]));
    // 32 queries of 1 MiB each (a comment), twice the queue bound.
    const sql = Buffer.from(`SELECT 1 --${'x'.repeat(1024 * 1024)}\0`);
    const query = Buffer.concat([Buffer.from([0x51, 0, 0, 0, 0]), sql]);
    query.writeInt32BE(sql.length + 4, 1);
    const count = 32;
    for (let i = 0; i < count; i++) socket.write(query);
    await sleep(QUIET_MS * 2);
    expect(server.server.stats().queuedBytes).toBeGreaterThan(0);
    expect(server.server.stats().queuedBytes).toBeLessThanOrEqual(MAX_QUEUED_BYTES + query.length);
    await holder.query('COMMIT');
    const ready = () => {
      const all = Buffer.concat(received);
      let n = 0;
      for (let at = all.indexOf(READY); at !== -1; at = all.indexOf(READY, at + 1)) n++;
      return n;
    };
    await until(() => ready() >= count + 1, 'a ReadyForQuery per query', 60_000);
    socket.destroy();
  }, 120_000);
});
