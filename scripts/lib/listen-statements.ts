// Finds the LISTEN and UNLISTEN statements in SQL text sent to the embedded
// database, so its server knows which client listens on which channel: PGlite
// is one session listening on the union of every client's channels, and the
// server delivers each notification to the clients that asked for it
// (docs/decisions/027-embedded-database-per-client-session-state.md).
//
// Only top-level statements count (as PostgreSQL's own parser sees them after
// splitting on semicolons outside strings, quoted identifiers and comments);
// a LISTEN run by `EXECUTE` inside a function is not seen.

export type ListenOp =
  | { kind: 'listen'; channel: string }
  /** channel null: `UNLISTEN *` */
  | { kind: 'unlisten'; channel: string | null };

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes; channel names are identifiers. */
const MAX_IDENTIFIER_BYTES = 63;

/** Cheap test first: most SQL never mentions either word. */
const MAY_LISTEN = /listen|discard/i;

export function listenOps(sql: string): ListenOp[] {
  if (!MAY_LISTEN.test(sql)) return [];
  const ops: ListenOp[] = [];
  for (const statement of splitStatements(sql)) {
    const op = parseListen(statement);
    if (op) ops.push(op);
  }
  return ops;
}

/**
 * Statements of a SQL text, with comments removed, split on top-level semicolons.
 * Linear in the text: what comes before a quote or a dollar sign is read from the
 * statement's last two characters, never by a regex over the statement so far
 * (that was quadratic: 160,000 characters with many `$1` took 5 s, and a message
 * may be 64 MiB, so one local client could stall every other one).
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  // The last two characters of the current statement: all the look-behind the quoting rules need.
  let tail = '';
  const add = (text: string) => {
    if (!text) return;
    current.push(text);
    tail = (tail + text.slice(-2)).slice(-2);
  };
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      add(' ');
    } else if (c === '/' && next === '*') {
      // Block comments nest in PostgreSQL.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const pair = sql.slice(i, i + 2);
        if (pair === '/*' || pair === '*/') {
          depth += pair === '/*' ? 1 : -1;
          i += 2;
        } else i++;
      }
      add(' ');
    } else if (c === "'" || c === '"') {
      // '' (or "") inside doubles the quote; an E'' string also escapes with a backslash.
      const escapes = c === "'" && /[eE]$/.test(tail) && !/\w[eE]$/.test(tail);
      let j = i + 1;
      while (j < n) {
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      add(sql.slice(i, j + 1));
      i = j + 1;
    } else if (c === '$' && !/[\w$]$/.test(tail)) {
      const tag = /^\$([A-Za-z_][\w]*)?\$/.exec(sql.slice(i, i + 100));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        const end = close === -1 ? n : close + tag[0].length;
        add(sql.slice(i, end));
        i = end;
      } else {
        add(c);
        i++;
      }
    } else if (c === ';') {
      statements.push(current.join(''));
      current = [];
      tail = '';
      i++;
    } else {
      add(c);
      i++;
    }
  }
  statements.push(current.join(''));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}

const IDENTIFIER = String.raw`("(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)`;
const LISTEN = new RegExp(String.raw`^(LISTEN|UNLISTEN)\s+(?:${IDENTIFIER}|(\*))$`, 'i');
/** DISCARD ALL includes UNLISTEN * (and drops every prepared statement of the session). */
const DISCARD_ALL = /^DISCARD\s+ALL$/i;

function parseListen(statement: string): ListenOp | undefined {
  if (DISCARD_ALL.test(statement)) return { kind: 'unlisten', channel: null };
  const m = LISTEN.exec(statement);
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase() as 'listen' | 'unlisten';
  if (m[3]) return kind === 'unlisten' ? { kind, channel: null } : undefined;
  const channel = identifier(m[2]!);
  return { kind, channel } as ListenOp;
}

/** An identifier as PostgreSQL stores it: quoted kept as written, unquoted folded to lower case (ASCII only), both truncated. */
export function identifier(token: string): string {
  const name = token.startsWith('"') ? token.slice(1, -1).replace(/""/g, '"') : token.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return truncateIdentifier(name);
}

function truncateIdentifier(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) return name;
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch, 'utf8') > MAX_IDENTIFIER_BYTES) break;
    out += ch;
  }
  return out;
}
