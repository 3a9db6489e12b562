// A PostgreSQL wire-protocol server over PGlite that is correct with any number
// of clients. PGlite is ONE backend session, so clients take turns on it: a
// client holds it from its first message until PGlite answers ReadyForQuery
// with status 'I' (idle, no transaction) and the client has nothing more
// buffered. A whole extended-protocol exchange (Parse ... Sync) and a whole
// transaction (status 'T' or 'E') therefore run as one turn; everyone else
// waits in a FIFO queue for as long as it takes. See
// docs/decisions/016-embedded-database-wire-server.md.
//
// What a client leaves in the session is its own, as on PostgreSQL: named
// prepared statements are renamed into a per-client namespace and closed when
// the client leaves, and notifications go to the clients that LISTEN on their
// channel, whoever's turn produced them (PGlite listens on the union). See
// docs/decisions/027-embedded-database-per-client-session-state.md.
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { ListenTracker, StatementNamespace } from './client-session';
import type { ListenOp } from './listen-statements';
import { ReceiveBuffer } from './receive-buffer';
import {
  cstring,
  dataRowValues,
  DATA_ROW,
  eachMessage,
  editErrorText,
  ERROR_RESPONSE,
  errorResponse,
  IDLE,
  lastReadyStatus,
  MalformedMessage,
  message1,
  NOTIFICATION_RESPONSE,
  notificationChannel,
  simpleQuery,
} from './wire-protocol';

/** Connections served at once: the app's pool, a few CLI runs and a test runner fit well below it. */
export const MAX_CONNECTIONS = 64;
/** Largest protocol message accepted; bounds what one client can make us buffer (Postgres allows 1 GB). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/**
 * Bytes of complete messages one client may have waiting before the server stops
 * reading its socket. TCP then slows the client down, as PostgreSQL does by
 * reading only what it runs; without it, a client that pipelined faster than
 * PGlite ran (or while another client held a transaction) grew memory without end.
 * One message larger than this still gets in: the pause comes after it.
 */
export const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
/** A startup packet is a few parameters; anything bigger is not a PostgreSQL client. */
const MAX_STARTUP_BYTES = 10_000;

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'

type Phase = 'startup' | 'ready';

export { errorResponse, lastReadyStatus };

/** Sync closes a half-sent extended-protocol exchange; ROLLBACK ends a transaction block. */
const RESET_SESSION = Buffer.concat([message1('S'), simpleQuery('ROLLBACK')]);

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

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
  stats(): { connections: number; waiting: number; holding: boolean; queuedBytes: number };
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
  let lastClientId = 0;

  /** Who listens on each channel; PGlite's session should listen on exactly these channels. */
  const listeners = new Map<string, Set<Client>>();
  /** The session may listen on a channel no client wants, or miss one a client wants (see syncSessionChannels). */
  let channelsDirty = false;

  /** Hands each NotificationResponse to every client listening on its channel, the one whose turn made it included. */
  function deliver(notifications: Uint8Array[]) {
    for (const note of notifications) {
      for (const client of listeners.get(notificationChannel(note)) ?? []) client.notify(note);
    }
  }

  function applyListenOps(client: Client, ops: ListenOp[]) {
    if (client.isClosed) {
      // It left while its turn ran: what it listened to in that turn nobody wants.
      channelsDirty = true;
      return;
    }
    for (const op of ops) {
      if (op.kind === 'listen') {
        let set = listeners.get(op.channel);
        if (!set) listeners.set(op.channel, (set = new Set()));
        set.add(client);
        client.channels.add(op.channel);
        continue;
      }
      for (const channel of op.channel === null ? [...client.channels] : [op.channel]) {
        client.channels.delete(channel);
        const set = listeners.get(channel);
        set?.delete(client);
        if (set?.size === 0) listeners.delete(channel);
      }
      // The UNLISTEN ran on the one session: channels other clients still want must be listened to again.
      if (op.channel === null ? listeners.size > 0 : listeners.has(op.channel)) channelsDirty = true;
    }
  }

  /** A client that leaves stops receiving; channels nobody wants any more are left by the session. */
  function forgetChannels(client: Client) {
    for (const channel of client.channels) {
      const set = listeners.get(channel);
      set?.delete(client);
      if (set?.size === 0) {
        listeners.delete(channel);
        channelsDirty = true;
      }
    }
    client.channels.clear();
  }

  /**
   * Makes the session listen on exactly the channels clients want. Runs while
   * holding PGlite with the session idle (no transaction), so the LISTENs and
   * UNLISTENs take effect at once and belong to no client's transaction.
   */
  async function syncSessionChannels() {
    channelsDirty = false;
    const current = new Set<string>();
    const notifications: Uint8Array[] = [];
    eachMessage(await db.execProtocolRaw(simpleQuery('SELECT pg_listening_channels()')), (type, msg) => {
      if (type === DATA_ROW) current.add(dataRowValues(msg)[0]!);
      else if (type === NOTIFICATION_RESPONSE) notifications.push(msg);
    });
    const statements = [
      ...[...listeners.keys()].filter((c) => !current.has(c)).map((c) => `LISTEN ${quoteIdentifier(c)}`),
      ...[...current].filter((c) => !listeners.has(c)).map((c) => `UNLISTEN ${quoteIdentifier(c)}`),
    ];
    if (statements.length) {
      eachMessage(await db.execProtocolRaw(simpleQuery(statements.join('; '))), (type, msg) => {
        if (type === NOTIFICATION_RESPONSE) notifications.push(msg);
      });
    }
    deliver(notifications);
  }

  class Client {
    readonly id = ++lastClientId;
    /** Channels this client listens on (a LISTEN counts once its transaction committed). */
    readonly channels = new Set<string>();
    private readonly statements = new StatementNamespace(`c${this.id}:`);
    private readonly listens = new ListenTracker();
    private cleanupQueued = false;
    private phase: Phase = 'startup';
    private readonly received = new ReceiveBuffer();
    private pending: Buffer[] = [];
    /** Bytes in `pending`; past MAX_QUEUED_BYTES the socket is paused until the turn has run them. */
    private queued = 0;
    private paused = false;
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

    get isClosed() {
      return this.closed;
    }

    get isWaiting() {
      return this.waiting;
    }

    get isHolding() {
      return this.release !== undefined;
    }

    get queuedBytes() {
      return this.queued;
    }

    private enqueue(message: Buffer) {
      this.pending.push(message);
      this.queued += message.length;
    }

    /** The turn took `messages` out of `pending`: read the socket again once there is room. */
    private dequeued(messages: Buffer[]) {
      for (const m of messages) this.queued -= m.length;
      if (this.paused && this.queued <= MAX_QUEUED_BYTES / 2 && !this.socket.destroyed) {
        this.paused = false;
        this.socket.resume();
      }
    }

    private onData(chunk: Buffer) {
      if (this.closed) return;
      if (!this.received.push(chunk)) return;
      try {
        this.split();
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
        this.fail(err.code, err.message);
        return;
      }
      if (this.queued > MAX_QUEUED_BYTES && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
      this.pump();
    }

    /** Moves every complete message from the input into the pending list. */
    private split() {
      for (;;) {
        const input = this.received.bytes();
        if (this.phase === 'startup') {
          if (input.length < 8) return this.received.need(8);
          const len = input.readInt32BE(0);
          if (len < 8 || len > MAX_STARTUP_BYTES) throw new ProtocolError('08P01', 'invalid startup packet length');
          if (input.length < len) return this.received.need(len);
          const code = input.readInt32BE(4);
          const packet = input.subarray(0, len);
          this.received.consume(len);
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
          this.enqueue(Buffer.from(packet));
          continue;
        }
        if (input.length < 5) return this.received.need(5);
        const len = input.readInt32BE(1);
        if (len < 4) throw new ProtocolError('08P01', 'invalid message length');
        if (len + 1 > MAX_MESSAGE_BYTES) {
          throw new ProtocolError(
            '54000',
            `message of ${len + 1} bytes exceeds the embedded database's limit of ${MAX_MESSAGE_BYTES}`,
          );
        }
        if (input.length < len + 1) return this.received.need(len + 1);
        this.enqueue(Buffer.from(input.subarray(0, len + 1)));
        this.received.consume(len + 1);
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
            this.dequeued([batch]);
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
            const messages = this.pending.slice(0, take).map((m) => {
              this.listens.sent(m);
              return this.statements.rewrite(m);
            });
            batch = take === 1 ? messages[0]! : Buffer.concat(messages);
            this.dequeued(this.pending.slice(0, take));
            this.pending = this.pending.slice(take);
          }
          const { reply, notifications } = this.readOutput(await db.execProtocolRaw(batch));
          if (reply.length && !this.socket.destroyed) this.socket.write(reply);
          deliver(notifications);
          const status = lastReadyStatus(reply);
          if (status === undefined) this.midExchange = true;
          else {
            this.status = status;
            this.midExchange = false;
          }
          if (channelsDirty && this.status === IDLE && !this.midExchange) await syncSessionChannels();
        }
      } catch (err) {
        // A message we could not read (PostgreSQL answers those with 08P01), or
        // PGlite itself failed (an SQL error comes back as a message instead).
        const reply =
          err instanceof MalformedMessage
            ? errorResponse('FATAL', '08P01', err.message)
            : errorResponse('FATAL', 'XX000', `embedded database error: ${(err as Error).message}`);
        if (!this.socket.destroyed) this.socket.write(reply);
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

    /**
     * Splits a turn's output into what this client gets (its statement names
     * shown as it wrote them) and the notifications, which go to their
     * listeners; applies the LISTEN/UNLISTENs that committed.
     */
    private readOutput(out: Uint8Array): { reply: Uint8Array; notifications: Uint8Array[] } {
      const notifications: Uint8Array[] = [];
      // Most output passes unchanged; only the spans to drop or replace are noted.
      const edits: { at: number; end: number; bytes?: Uint8Array }[] = [];
      eachMessage(out, (type, msg) => {
        const at = msg.byteOffset - out.byteOffset;
        if (type === NOTIFICATION_RESPONSE) {
          notifications.push(msg);
          edits.push({ at, end: at + msg.length });
          return;
        }
        if (type === ERROR_RESPONSE) {
          const edited = editErrorText(msg, (text) => this.statements.stripPrefix(text));
          if (edited !== msg) edits.push({ at, end: at + msg.length, bytes: edited });
        }
        const committed = this.listens.received(type, msg);
        if (committed) applyListenOps(this, committed);
      });
      if (edits.length === 0) return { reply: out, notifications };
      const parts: Uint8Array[] = [];
      let from = 0;
      for (const edit of edits) {
        parts.push(out.subarray(from, edit.at));
        if (edit.bytes) parts.push(edit.bytes);
        from = edit.end;
      }
      parts.push(out.subarray(from));
      return { reply: Buffer.concat(parts), notifications };
    }

    /** A notification for a channel this client listens on; PostgreSQL too sends them between other messages. */
    notify(note: Uint8Array) {
      if (!this.closed && !this.socket.destroyed) this.socket.write(note);
    }

    /**
     * Leaves PGlite as the next client expects it: no half-sent exchange, no
     * open transaction, none of this client's prepared statements, and the
     * session listening only on channels someone still wants.
     */
    private async cleanUp() {
      const parts: Buffer[] = [];
      if (this.status !== IDLE || this.midExchange) parts.push(RESET_SESSION);
      this.status = IDLE;
      this.midExchange = false;
      if (this.statements.created.size) {
        for (const name of this.statements.created) parts.push(message1('C', Buffer.concat([Buffer.from('S'), cstring(name)])));
        parts.push(message1('S'));
        this.statements.created.clear();
      }
      if (parts.length) {
        const notifications: Uint8Array[] = [];
        eachMessage(await db.execProtocolRaw(Buffer.concat(parts)), (type, msg) => {
          if (type === NOTIFICATION_RESPONSE) notifications.push(msg);
        });
        deliver(notifications);
      }
      if (channelsDirty) await syncSessionChannels();
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
      this.queued = 0;
      clients.delete(this);
      forgetChannels(this);
      // Holding PGlite between messages: roll back for the client that left,
      // then let the next one in. A running turn does this itself when it ends;
      // a waiting client's turn, when it comes, finds it closed and ends at once.
      if (this.release && !this.running) {
        const release = this.release;
        this.release = undefined;
        void this.cleanUp()
          .catch(() => {})
          .finally(release);
      } else if (!this.release && !this.waiting && !this.cleanupQueued) {
        // Idle when it left: its prepared statements (and channels nobody else
        // wants) still sit in the session, so take a turn to remove them.
        if (this.statements.created.size === 0 && !channelsDirty) return;
        this.cleanupQueued = true;
        void db.runExclusive(() => this.cleanUp()).catch(() => {});
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
      queuedBytes: [...clients].reduce((n, c) => n + c.queuedBytes, 0),
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
