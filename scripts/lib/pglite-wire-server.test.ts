import { describe, expect, it } from 'vitest';
import { errorResponse, lastReadyStatus } from './pglite-wire-server';

const msg = (type: string, body: number[] = []) => {
  const b = Buffer.alloc(5 + body.length);
  b.write(type, 0, 'latin1');
  b.writeInt32BE(4 + body.length, 1);
  Buffer.from(body).copy(b, 5);
  return b;
};
const Z = (status: string) => msg('Z', [status.charCodeAt(0)]);

describe('lastReadyStatus: when a client may give PGlite back', () => {
  it('reads the last ReadyForQuery of a chunk', () => {
    expect(lastReadyStatus(Buffer.concat([msg('1'), msg('2'), msg('C', [65, 0]), Z('T')]))).toBe('T'.charCodeAt(0));
    expect(lastReadyStatus(Buffer.concat([Z('T'), msg('C', [65, 0]), Z('I')]))).toBe('I'.charCodeAt(0));
    expect(lastReadyStatus(Buffer.concat([Z('I'), msg('E', [0]), Z('E')]))).toBe('E'.charCodeAt(0));
  });

  it('finds none in an exchange still open (no Sync yet), or in row data that contains a Z byte', () => {
    expect(lastReadyStatus(Buffer.concat([msg('1'), msg('2')]))).toBeUndefined();
    expect(lastReadyStatus(msg('D', [0, 1, 0, 0, 0, 2, 0x5a, 0x49]))).toBeUndefined();
    expect(lastReadyStatus(new Uint8Array(0))).toBeUndefined();
  });
});

describe('errorResponse', () => {
  it('is a well-formed ErrorResponse with severity, SQLSTATE and message', () => {
    const b = errorResponse('FATAL', '53300', 'too many');
    expect(String.fromCharCode(b[0]!)).toBe('E');
    expect(b.readInt32BE(1)).toBe(b.length - 1);
    expect(b.toString('latin1')).toContain('SFATAL\0');
    expect(b.toString('latin1')).toContain('C53300\0Mtoo many\0\0');
  });
});
