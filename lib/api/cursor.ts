// The list's opaque cursor: where the next page starts (the last row's start
// time and id), base64url-encoded so clients pass it back as is and do not
// build their own. It is not secret: it names a row the caller has already seen.
import { z } from 'zod';

const cursorShape = z.object({ s: z.iso.datetime().nullable(), i: z.string().min(1).max(64) }).strict();

export function encodeCursor(row: { startedAt: Date | null; id: string }): string {
  return Buffer.from(JSON.stringify({ s: row.startedAt?.toISOString() ?? null, i: row.id })).toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { startedAt: Date | null; id: string } | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { startedAt: parsed.data.s === null ? null : new Date(parsed.data.s), id: parsed.data.i } : null;
  } catch {
    return null;
  }
}
