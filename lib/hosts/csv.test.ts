// The RFC 4180 reader behind CSV inventories (lib/hosts/csv.ts).
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

const records = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records;
};

describe('parseCsv', () => {
  it('splits records on LF and CRLF and skips blank lines', () => {
    expect(records('a,b\r\nc,d\n\n e ,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 4, fields: [' e ', ''] },
    ]);
  });

  it('keeps commas, quotes and newlines inside quoted fields, and counts lines across them', () => {
    expect(records('name,labels\n"d-1","site=par1,tier=edge"\n"say ""hi""","two\nlines"\nlast,""\n')).toEqual([
      { line: 1, fields: ['name', 'labels'] },
      { line: 2, fields: ['d-1', 'site=par1,tier=edge'] },
      { line: 3, fields: ['say "hi"', 'two\nlines'] },
      { line: 5, fields: ['last', ''] },
    ]);
  });

  it('reads a last record without a newline, a BOM, and a lone quoted empty field', () => {
    expect(records('\uFEFFa,b\nc,d')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
    expect(records('""\n')).toEqual([{ line: 1, fields: [''] }]);
  });

  it.each([
    ['a,"open\nb,c\n', 1, /not closed/],
    ['a,b\n"x"y,c\n', 2, /after a closing quote/],
    ['a,b\nx"y,c\n', 2, /quote inside an unquoted field/],
  ])('refuses malformed input %j with its line', (text, line, message) => {
    const parsed = parseCsv(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.line).toBe(line);
      expect(parsed.error).toMatch(message);
    }
  });
});
