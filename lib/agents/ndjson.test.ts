import { describe, expect, it } from 'vitest';
import { LineTooLongError, NdjsonLines } from './ndjson';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('NdjsonLines', () => {
  it('splits lines across chunks and joins characters split between them', () => {
    const lines = new NdjsonLines(1_000);
    const euro = bytes('{"a":"€"}\n{"b":');
    expect(lines.push(euro.subarray(0, 7))).toEqual([]);
    expect(lines.push(euro.subarray(7))).toEqual(['{"a":"€"}']);
    expect(lines.push(bytes('1}\n\n'))).toEqual(['{"b":1}']);
    expect(lines.end()).toEqual([]);
  });

  it('returns a last line without newline at the end', () => {
    const lines = new NdjsonLines(1_000);
    expect(lines.push(bytes('{"x":1}'))).toEqual([]);
    expect(lines.end()).toEqual(['{"x":1}']);
  });

  it('refuses an endless line instead of buffering it', () => {
    const lines = new NdjsonLines(10);
    expect(() => lines.push(bytes('x'.repeat(11)))).toThrow(LineTooLongError);
  });
});
