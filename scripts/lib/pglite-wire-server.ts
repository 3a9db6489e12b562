// A PostgreSQL wire-protocol server over PGlite that is correct with any number
// of clients. PGlite is ONE backend session, so clients take turns on it: a
// client holds it from its first message until PGlite answers ReadyForQuery
// with status 'I' (idle, no transaction) and the client has nothing more
// buffered. A whole extended-protocol exchange (Parse ... Sync) and a whole
// transaction (status 'T' or 'E') therefore run as one turn; everyone else
// waits in a FIFO queue for as long as it takes. See
// docs/decisions/016-embedded-database-wire-server.md.
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/** Connections served at once: the app's pool, a few CLI runs and a test runner fit well below it. */
export const MAX_CONNECTIONS = 64;
/** Largest protocol message accepted; bounds what one client can make us buffer (Postgres allows 1 GB). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A startup packet is a few parameters; anything bigger is not a PostgreSQL client. */
const MAX_STARTUP_BYTES = 10_000;

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'

type Phase = 'startup' | 'ready';

/** ErrorResponse with severity, SQLSTATE and message. */
export function errorResponse(severity: 'FATAL' | 'ERROR', code: string, message: string): Buffer {
  const fields = Buffer.concat(
    [`S${severity}`, `V${severity}`, `C${code}`, `M${message}`]
      .map((f) => Buffer.from(`${f}\0`, 'utf8'))
      .concat([Buffer.from([0])]),
  );
  const head = Buffer.alloc(5);
  head.write('E', 0, 'latin1');
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

function frontendMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** Sync closes a half-sent extended-protocol exchange; ROLLBACK ends a transaction block. */
const RESET_SESSION = Buffer.concat([frontendMessage('S'), frontendMessage('Q', Buffer.from('ROLLBACK\0', 'utf8'))]);

/**
 * The transaction status of the last ReadyForQuery in a chunk of backend
 * output, or undefined if it holds none. Walks message headers only.
 */
export function lastReadyStatus(out: Uint8Array): number | undefined {
  let status: number | undefined;
  let i = 0;
  while (i + 5 <= out.length) {
    const type = out[i]!;
    const len = ((out[i + 1]! << 24) | (out[i + 2]! << 16) | (out[i + 3]! << 8) | out[i + 4]!) >>> 0;
    if (type === READY_FOR_QUERY && i + 5 < out.length) status = out[i + 5];
    i += 1 + len;
  }
  return status;
}

class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WireServer {
  host: string;
  port: number;
  /** Open connections and how many wait for their turn; for tests and logs. */
  stats(): { connections: number; waiting: number; holding: boolean };
  stop(): Promise<void>;
}

export async function startWireServer(opts: {
  db: PGlite;
  host: string;
  port: number;
  maxConnections?: number;
}): Promise<WireServer> {
  const { db, host } = opts;
  const maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
  await db.waitReady;
  const clients = new Set<Client>();

  class Client {
    private phase: Phase = 'startup';
    private input: Buffer = Buffer.alloc(0);
    private pending: Buffer[] = [];
    private waiting = false;
    private release: (() => void) | undefined;
    /** Status of the last ReadyForQuery this client saw; anything but 'I' means state to clean up. */
    private status = IDLE;
    /** Messages were run since the last ReadyForQuery (a half-sent exchange). */
    private midExchange = false;
    private closed = false;
    private running = false;

    constructor(
      private readonly socket: net.Socket,
      private readonly rejected: boolean,
    ) {
      socket.setNoDelay(true);
      socket.on('data', (chunk) => this.onData(chunk));
      socket.on('error', () => this.close());
      socket.on('close', () => this.close());
    }

    get isWaiting() {
      return this.waiting;
    }

    get isHolding() {
      return this.release !== undefined;
    }

    private onData(chunk: Buffer) {
      if (this.closed) return;
      this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
      try {
        this.split();
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
        this.fail(err.code, err.message);
        return;
      }
      this.pump();
    }

    /** Moves every complete message from the input into the pending list. */
    private split() {
      for (;;) {
        if (this.phase === 'startup') {
          if (this.input.length < 8) return;
          const len = this.input.readInt32BE(0);
          if (len < 8 || len > MAX_STARTUP_BYTES) throw new ProtocolError('08P01', 'invalid startup packet length');
          if (this.input.length < len) return;
          const code = this.input.readInt32BE(4);
          const packet = this.input.subarray(0, len);
          this.input = this.input.subarray(len);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            // No encryption on a loopback socket: the client carries on in plain text.
            this.socket.write('N');
            continue;
          }
          if (code === CANCEL_REQUEST) {
            // Cancelling would need a second session; the query simply runs to its end.
            this.close();
            return;
          }
          if (code !== PROTOCOL_3) throw new ProtocolError('0A000', 'unsupported frontend protocol');
          if (this.rejected) {
            throw new ProtocolError(
              '53300',
              `sorry, too many clients already: the embedded database serves at most ${maxConnections} connections`,
            );
          }
          this.phase = 'ready';
          this.pending.push(Buffer.from(packet));
          continue;
        }
        if (this.input.length < 5) return;
        const len = this.input.readInt32BE(1);
        if (len < 4) throw new ProtocolError('08P01', 'invalid message length');
        if (len + 1 > MAX_MESSAGE_BYTES) {
          throw new ProtocolError(
            '54000',
            `message of ${len + 1} bytes exceeds the embedded database's limit of ${MAX_MESSAGE_BYTES}`,
          );
        }
        if (this.input.length < len + 1) return;
        this.pending.push(Buffer.from(this.input.subarray(0, len + 1)));
        this.input = this.input.subarray(len + 1);
      }
    }

    /** Runs what arrived: at once during our turn, else by asking for one. */
    private pump() {
      if (this.closed || this.pending.length === 0) return;
      if (this.release) {
        if (!this.running) void this.turn();
        return;
      }
      if (this.waiting) return;
      this.waiting = true;
      // PGlite's own query mutex is FIFO, so it is the queue; holding it also
      // keeps any in-process use of this PGlite out of a client's turn.
      void db.runExclusive(
        () =>
          new Promise<void>((resolve) => {
            this.waiting = false;
            this.release = () => {
              this.release = undefined;
              resolve();
            };
            void this.turn();
          }),
      );
    }

    /**
     * Runs pending messages while holding PGlite. Gives PGlite back at an idle
     * ReadyForQuery with nothing left to run; otherwise keeps it, and the
     * client's next messages continue the turn without queueing again.
     */
    private async turn() {
      this.running = true;
      try {
        while (!this.closed && this.pending.length) {
          const first = this.pending[0]!;
          let batch: Buffer;
          if (first[0] === 0) {
            // The startup packet: PGlite answers it on its own (parameters, ReadyForQuery).
            batch = this.pending.shift()!;
          } else {
            // Terminate never reaches PGlite (it would end the one session):
            // it closes this client like a dropped connection.
            const end = this.pending.findIndex((m) => m[0] === TERMINATE);
            if (end === 0) {
              this.closed = true;
              break;
            }
            // Everything before it runs as one call; PGlite loops over the messages.
            const take = end === -1 ? this.pending.length : end;
            batch = take === 1 ? first : Buffer.concat(this.pending.slice(0, take));
            this.pending = this.pending.slice(take);
          }
          const out = await db.execProtocolRaw(batch);
          if (out.length && !this.socket.destroyed) this.socket.write(out);
          const status = lastReadyStatus(out);
          if (status === undefined) this.midExchange = true;
          else {
            this.status = status;
            this.midExchange = false;
          }
        }
      } catch (err) {
        // PGlite itself failed (an SQL error comes back as a message instead).
        if (!this.socket.destroyed)
          this.socket.write(errorResponse('FATAL', 'XX000', `embedded database error: ${(err as Error).message}`));
        this.closed = true;
      } finally {
        this.running = false;
      }
      if (this.closed) this.close();
      else if (this.status === IDLE && !this.midExchange && this.pending.length === 0) {
        this.release?.();
      } else if (this.pending.length) {
        void this.turn();
      }
    }

    /** Leaves PGlite as the next client expects it: no half-sent exchange, no open transaction. */
    private async cleanUp() {
      if (this.status === IDLE && !this.midExchange) return;
      this.status = IDLE;
      this.midExchange = false;
      await db.execProtocolRaw(RESET_SESSION);
    }

    private fail(code: string, message: string) {
      if (!this.socket.destroyed) this.socket.end(errorResponse('FATAL', code, message));
      this.closed = true;
      this.drop();
    }

    /** The socket is gone (or is going): forget the client; a held turn is cleaned up and released. */
    close() {
      this.closed = true;
      this.drop();
      if (!this.socket.destroyed) this.socket.end();
    }

    /** Server shutdown: no goodbye; a killed app may never hang up its side. */
    destroy() {
      this.closed = true;
      this.drop();
      this.socket.destroy();
    }

    private drop() {
      this.pending = [];
      clients.delete(this);
      // Holding PGlite between messages: roll back for the client that left,
      // then let the next one in. A running turn does this itself when it ends;
      // a waiting client's turn, when it comes, finds it closed and ends at once.
      if (this.release && !this.running) {
        const release = this.release;
        this.release = undefined;
        void this.cleanUp()
          .catch(() => {})
          .finally(release);
      }
    }
  }

  const server = net.createServer((socket) => {
    const rejected = clients.size >= maxConnections;
    const client = new Client(socket, rejected);
    if (!rejected) clients.add(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    host,
    port,
    stats: () => ({
      connections: clients.size,
      waiting: [...clients].filter((c) => c.isWaiting).length,
      holding: [...clients].some((c) => c.isHolding),
    }),
    async stop() {
      for (const c of [...clients]) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Queued turns end at once (their clients are closed) and a held one after
      // its rollback: once this runs, PGlite is idle and may be closed.
      await db.runExclusive(async () => {});
    },
  };
}
