// What the embedded database's server keeps per client so that PGlite's one
// session looks like a session of the client's own: its named prepared
// statements (renamed into a namespace of the client's) and the channels it
// LISTENs on (known from its statements, confirmed when their transaction
// commits). See docs/decisions/027-embedded-database-per-client-session-state.md.
import { createHash } from 'node:crypto';
import { listenOps, type ListenOp } from './listen-statements';
import {
  commandTag,
  COMMAND_COMPLETE,
  cstring,
  ERROR_RESPONSE,
  message1,
  readCString,
  READY_FOR_QUERY,
  IDLE,
} from './wire-protocol';

/** PostgreSQL keys prepared statements by their first NAMEDATALEN - 1 bytes; so do we, after the prefix. */
const MAX_STATEMENT_NAME_BYTES = 63;

/**
 * Named prepared statements of one client, renamed `c<id>:<name>` in PGlite's
 * session so that two clients preparing the same name (graphile-worker's
 * `get_job/graphile_worker` on every pooled connection) do not collide.
 * The unnamed statement is left alone: it lives only until the next Parse, and
 * a client's exchange runs whole in its turn.
 */
export class StatementNamespace {
  /** Names this client created in PGlite's session, to close when it leaves. */
  readonly created = new Set<string>();

  constructor(private readonly prefix: string) {}

  internal(name: string): string {
    if (name === '') return name;
    const renamed = this.prefix + name;
    if (Buffer.byteLength(renamed, 'utf8') <= MAX_STATEMENT_NAME_BYTES) return renamed;
    // Too long to keep whole: PostgreSQL would compare only the first 63 bytes,
    // so two names that differ later are one statement there; keep that.
    const kept = Buffer.from(name, 'utf8').subarray(0, MAX_STATEMENT_NAME_BYTES).toString('utf8');
    return `${this.prefix}#${createHash('sha256').update(kept).digest('hex').slice(0, 24)}`;
  }

  /** The message with its statement name renamed (Parse, Bind, Describe/Close of a statement); others unchanged. */
  rewrite(msg: Buffer): Buffer {
    switch (msg[0]) {
      case 0x50: {
        // Parse: name, query, parameter types.
        const { value, next } = readCString(msg, 5);
        if (value === '') return msg;
        const name = this.internal(value);
        this.created.add(name);
        return message1('P', Buffer.concat([cstring(name), msg.subarray(next)]));
      }
      case 0x42: {
        // Bind: portal, statement, the rest.
        const portal = readCString(msg, 5);
        const stmt = readCString(msg, portal.next);
        if (stmt.value === '') return msg;
        return message1(
          'B',
          Buffer.concat([msg.subarray(5, portal.next), cstring(this.internal(stmt.value)), msg.subarray(stmt.next)]),
        );
      }
      case 0x44: // Describe
      case 0x43: {
        // Close: 'S' statement or 'P' portal, then the name.
        if (msg[5] !== 0x53) return msg;
        const { value, next } = readCString(msg, 6);
        if (value === '') return msg;
        const name = this.internal(value);
        if (msg[0] === 0x43) this.created.delete(name);
        return message1(String.fromCharCode(msg[0]), Buffer.concat([Buffer.from('S'), cstring(name), msg.subarray(next)]));
      }
      default:
        return msg;
    }
  }

  /** Error texts echo the renamed statement: show the client the name it used. */
  stripPrefix(text: string): string {
    return text.split(`"${this.prefix}`).join('"');
  }
}

/**
 * Which LISTEN/UNLISTEN of a client took effect. PostgreSQL applies them when
 * their transaction commits, so ops are collected per exchange (everything up
 * to the Sync or Query that earns one ReadyForQuery), carried through an open
 * transaction, and handed out at the ReadyForQuery that ends it idle, unless
 * that last exchange failed or rolled back.
 */
export class ListenTracker {
  private statementOps = new Map<string, ListenOp[]>();
  private portalOps = new Map<string, ListenOp[]>();
  private open: ListenOp[] = [];
  /** Exchanges sent, oldest first, each waiting for its ReadyForQuery. */
  private awaiting: ListenOp[][] = [];
  private transactionOps: ListenOp[] = [];
  private failed = false;

  /** A message the client sent (names as the client wrote them). */
  sent(msg: Buffer): void {
    switch (msg[0]) {
      case 0x51: // Query
        this.open.push(...listenOps(readCString(msg, 5).value));
        this.endExchange();
        return;
      case 0x53: // Sync
      case 0x46: // FunctionCall
        this.endExchange();
        return;
      case 0x50: {
        // Parse
        const name = readCString(msg, 5);
        const ops = listenOps(readCString(msg, name.next).value);
        if (ops.length) this.statementOps.set(name.value, ops);
        else this.statementOps.delete(name.value);
        return;
      }
      case 0x42: {
        // Bind
        const portal = readCString(msg, 5);
        const ops = this.statementOps.get(readCString(msg, portal.next).value);
        if (ops) this.portalOps.set(portal.value, ops);
        else this.portalOps.delete(portal.value);
        return;
      }
      case 0x45: {
        // Execute
        const ops = this.portalOps.get(readCString(msg, 5).value);
        if (ops) this.open.push(...ops);
        return;
      }
      case 0x43: {
        // Close
        const { value } = readCString(msg, 6);
        (msg[5] === 0x53 ? this.statementOps : this.portalOps).delete(value);
        return;
      }
    }
  }

  /** A message PGlite answered; at a ReadyForQuery, the ops that took effect (if any). */
  received(type: number, msg: Uint8Array): ListenOp[] | undefined {
    if (type === ERROR_RESPONSE) this.failed = true;
    else if (type === COMMAND_COMPLETE && commandTag(msg) === 'ROLLBACK') this.failed = true;
    else if (type === READY_FOR_QUERY) {
      this.transactionOps.push(...(this.awaiting.shift() ?? []));
      const failed = this.failed;
      this.failed = false;
      if (msg[5] !== IDLE) return undefined;
      const ops = this.transactionOps;
      this.transactionOps = [];
      return failed || ops.length === 0 ? undefined : ops;
    }
    return undefined;
  }

  private endExchange() {
    this.awaiting.push(this.open);
    this.open = [];
  }
}
