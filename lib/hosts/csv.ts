// A small RFC 4180 CSV reader for host inventories: no CSV package is
// installed, and an inventory needs only the standard. Records are separated
// by CRLF or LF; a field in double quotes may hold commas, newlines and `""`
// for a quote. Each record keeps the line it starts on, so errors can say where.
// Blank lines are skipped (a trailing newline, a gap a person left).

export type CsvRecord = { line: number; fields: string[] };
export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; error: string };

export function parseCsv(text: string): CsvResult {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  // Whether the current field / record had quotes: `""` alone is a record of one empty field, not a blank line.
  let quotedField = false;
  let recordQuoted = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '' && !recordQuoted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    recordQuoted = false;
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '"' && field === '' && !quotedField) {
      // A quoted field: read to the closing quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) return { ok: false, line: startLine, error: 'A quoted field is not closed.' };
        const q = src[i]!;
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      quotedField = true;
      recordQuoted = true;
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        return { ok: false, line, error: 'Text after a closing quote; write "" for a quote inside a quoted field.' };
      continue;
    }
    if (c === '"')
      return { ok: false, line, error: 'A quote inside an unquoted field; quote the whole field and write "" for it.' };
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0 || recordQuoted) endRecord();
  return { ok: true, records };
}
