// Reading and writing PostgreSQL wire-protocol messages, for the embedded
// database's server (pglite-wire-server.ts). Only what that server needs: it
// passes messages through, and rewrites the few it must (statement names,
// notifications, error texts that echo a rewritten name).

export const READY_FOR_QUERY = 0x5a; // 'Z'
export const IDLE = 0x49; // 'I'
export const ERROR_RESPONSE = 0x45; // 'E'
export const COMMAND_COMPLETE = 0x43; // 'C'
export const NOTIFICATION_RESPONSE = 0x41; // 'A'
export const DATA_ROW = 0x44; // 'D'

/** ErrorResponse with severity, SQLSTATE and message. */
export function errorResponse(severity: 'FATAL' | 'ERROR', code: string, message: string): Buffer {
  const fields = Buffer.concat(
    [`S${severity}`, `V${severity}`, `C${code}`, `M${message}`]
      .map((f) => Buffer.from(`${f}\0`, 'utf8'))
      .concat([Buffer.from([0])]),
  );
  return message1('E', fields);
}

/** One message: type byte, length, body. */
export function message1(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

export const cstring = (s: string) => Buffer.from(`${s}\0`, 'utf8');

/** A simple Query message. */
export const simpleQuery = (sql: string) => message1('Q', cstring(sql));

/** A client's message that does not hold the fields its type requires. */
export class MalformedMessage extends Error {}

/** The NUL-terminated string at `at`, and where the next field starts. */
export function readCString(buf: Uint8Array, at: number): { value: string; next: number } {
  const end = buf.indexOf(0, at);
  if (end === -1) throw new MalformedMessage('invalid string in message');
  return { value: Buffer.from(buf.buffer, buf.byteOffset + at, end - at).toString('utf8'), next: end + 1 };
}

/** Calls `visit` with the type and the whole bytes of each complete message in a chunk of backend output. */
export function eachMessage(out: Uint8Array, visit: (type: number, msg: Uint8Array) => void): void {
  let i = 0;
  while (i + 5 <= out.length) {
    const len = ((out[i + 1]! << 24) | (out[i + 2]! << 16) | (out[i + 3]! << 8) | out[i + 4]!) >>> 0;
    visit(out[i]!, out.subarray(i, i + 1 + len));
    i += 1 + len;
  }
}

/**
 * The transaction status of the last ReadyForQuery in a chunk of backend
 * output, or undefined if it holds none. Walks message headers only.
 */
export function lastReadyStatus(out: Uint8Array): number | undefined {
  let status: number | undefined;
  eachMessage(out, (type, msg) => {
    if (type === READY_FOR_QUERY && msg.length > 5) status = msg[5];
  });
  return status;
}

/** Channel of a NotificationResponse (pid, channel, payload). */
export function notificationChannel(msg: Uint8Array): string {
  return readCString(msg, 9).value;
}

/** The command tag of a CommandComplete. */
export function commandTag(msg: Uint8Array): string {
  return readCString(msg, 5).value;
}

/** The text columns of a DataRow (NULL as null). */
export function dataRowValues(msg: Uint8Array): (string | null)[] {
  const buf = Buffer.from(msg.buffer, msg.byteOffset, msg.length);
  const n = buf.readInt16BE(5);
  const values: (string | null)[] = [];
  let at = 7;
  for (let c = 0; c < n; c++) {
    const len = buf.readInt32BE(at);
    at += 4;
    if (len < 0) values.push(null);
    else {
      values.push(buf.toString('utf8', at, at + len));
      at += len;
    }
  }
  return values;
}

/** An ErrorResponse whose message and detail fields went through `edit`; others unchanged. */
export function editErrorText(msg: Uint8Array, edit: (text: string) => string): Uint8Array {
  const fields: Buffer[] = [];
  let at = 5;
  let changed = false;
  while (at < msg.length && msg[at] !== 0) {
    const code = String.fromCharCode(msg[at]!);
    const { value, next } = readCString(msg, at + 1);
    const text = code === 'M' || code === 'D' ? edit(value) : value;
    if (text !== value) changed = true;
    fields.push(Buffer.from(code, 'latin1'), cstring(text));
    at = next;
  }
  if (!changed) return msg;
  return message1('E', Buffer.concat([...fields, Buffer.from([0])]));
}
