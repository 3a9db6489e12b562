// A bounded line diff of one host's output against the baseline's, with the
// changed words marked inside changed lines, ready to render unified or side by
// side. Pure: computed on the server for the batch page, testable without React.
import { diffLines, diffWordsWithSpace } from 'diff';

/** Characters of each side that are diffed: outputs are capped at 64 KiB, and a diff past 32 KiB is skimmed, not read. */
export const DIFF_INPUT_MAX_CHARS = 32 * 1024;
/** Edits after which the diff gives up ("too different"): Myers' cost grows with lines times edits. */
export const DIFF_MAX_EDIT_LENGTH = 1_000;
/** Wall time one diff may take before it gives up the same way, whatever the input's shape. */
export const DIFF_TIMEOUT_MS = 100;
/** Changed lines longer than this are marked whole, without a word diff. */
export const WORD_DIFF_MAX_LINE_CHARS = 500;
/**
 * Word edits after which a changed line is marked whole: a few changed words are
 * worth marking, a line that is all different is not, and Myers' cost on two
 * unrelated 500-character lines is ~100x a line with one changed value.
 */
export const WORD_DIFF_MAX_EDIT_LENGTH = 40;
/** Wall time the word marks of one diff may take together; later changed lines are marked whole. */
export const WORD_DIFF_TIMEOUT_MS = 50;
/** Unchanged lines kept around each change; longer unchanged stretches fold into "N unchanged lines". */
export const CONTEXT_LINES = 3;

export type Segment = { text: string; changed: boolean };
export type DiffLine = {
  kind: 'same' | 'del' | 'add';
  text: string;
  /** Word-level pieces for a changed line paired with its counterpart; null when marked whole. */
  segments: Segment[] | null;
  oldNo: number | null;
  newNo: number | null;
};
export type Skip = { kind: 'skip'; count: number };
export type DiffRow = DiffLine | Skip;
export type SplitRow = { kind: 'pair'; left: DiffLine | null; right: DiffLine | null } | Skip;

export type LineDiff = {
  rows: DiffRow[];
  /** One side was longer than DIFF_INPUT_MAX_CHARS: only its start was compared. */
  truncated: boolean;
  /** More than DIFF_MAX_EDIT_LENGTH edits: no rows; show both outputs instead. */
  tooDifferent: boolean;
  identical: boolean;
  added: number;
  removed: number;
};

/** The start of a text up to the cap, cut at a line end so no line is shown half. */
function capped(text: string): { text: string; truncated: boolean } {
  if (text.length <= DIFF_INPUT_MAX_CHARS) return { text, truncated: false };
  const cut = text.lastIndexOf('\n', DIFF_INPUT_MAX_CHARS);
  return { text: text.slice(0, cut > 0 ? cut : DIFF_INPUT_MAX_CHARS), truncated: true };
}

const withFinalNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

function wordSegments(oldLine: string, newLine: string, deadline: number): { del: Segment[]; add: Segment[] } | null {
  if (oldLine.length > WORD_DIFF_MAX_LINE_CHARS || newLine.length > WORD_DIFF_MAX_LINE_CHARS) return null;
  const timeout = deadline - Date.now();
  if (timeout <= 0) return null;
  // Both bounds: without them, 64 pairs of unrelated 500-character lines (a hostile
  // host's output fits 32 KiB) took seconds per group, and a page diffs 20 groups.
  const parts = diffWordsWithSpace(oldLine, newLine, { maxEditLength: WORD_DIFF_MAX_EDIT_LENGTH, timeout });
  if (!parts) return null;
  const del: Segment[] = [];
  const add: Segment[] = [];
  for (const part of parts) {
    if (!part.added) del.push({ text: part.value, changed: !!part.removed });
    if (!part.removed) add.push({ text: part.value, changed: !!part.added });
  }
  return { del, add };
}

/** Pairs each block of removed lines with the added lines after it, for word marks and split rows. */
function pairBlocks(
  lines: DiffLine[],
  onPair: (del: DiffLine | null, add: DiffLine | null) => void,
  onSame: (l: DiffLine) => void,
) {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.kind === 'same') {
      onSame(line);
      i += 1;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < lines.length && lines[i]!.kind === 'del') dels.push(lines[i++]!);
    while (i < lines.length && lines[i]!.kind === 'add') adds.push(lines[i++]!);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) onPair(dels[k] ?? null, adds[k] ?? null);
  }
}

/** Diff of `other` against `base`, line by line, with changed words marked. */
export function lineDiff(base: string, other: string): LineDiff {
  const a = capped(base);
  const b = capped(other);
  const truncated = a.truncated || b.truncated;
  const empty = { rows: [], truncated, added: 0, removed: 0 };
  if (a.text === b.text) return { ...empty, tooDifferent: false, identical: true };
  const parts = diffLines(withFinalNewline(a.text), withFinalNewline(b.text), {
    maxEditLength: DIFF_MAX_EDIT_LENGTH,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (!parts) return { ...empty, tooDifferent: true, identical: false };

  const lines: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const part of parts) {
    const kind = part.added ? 'add' : part.removed ? 'del' : 'same';
    for (const text of part.value.replace(/\n$/, '').split('\n')) {
      lines.push({
        kind,
        text,
        segments: null,
        oldNo: kind === 'add' ? null : oldNo++,
        newNo: kind === 'del' ? null : newNo++,
      });
    }
  }
  const wordDeadline = Date.now() + WORD_DIFF_TIMEOUT_MS;
  pairBlocks(
    lines,
    (del, add) => {
      if (!del || !add) return;
      const words = wordSegments(del.text, add.text, wordDeadline);
      if (!words) return;
      del.segments = words.del;
      add.segments = words.add;
    },
    () => {},
  );

  // Keep changes and CONTEXT_LINES around each; fold the rest.
  const keep = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let k = Math.max(0, i - CONTEXT_LINES); k <= Math.min(lines.length - 1, i + CONTEXT_LINES); k++) keep[k] = 1;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (skipped) rows.push({ kind: 'skip', count: skipped });
      skipped = 0;
      rows.push(l);
    } else skipped += 1;
  });
  if (skipped) rows.push({ kind: 'skip', count: skipped });

  return {
    rows,
    truncated,
    tooDifferent: false,
    identical: false,
    added: lines.filter((l) => l.kind === 'add').length,
    removed: lines.filter((l) => l.kind === 'del').length,
  };
}

/** The same rows side by side: baseline on the left, this group on the right. */
export function toSplitRows(rows: DiffRow[]): SplitRow[] {
  const out: SplitRow[] = [];
  let block: DiffLine[] = [];
  const flush = () => {
    pairBlocks(
      block,
      (left, right) => out.push({ kind: 'pair', left, right }),
      (l) => out.push({ kind: 'pair', left: l, right: l }),
    );
    block = [];
  };
  for (const row of rows) {
    if (row.kind === 'skip') {
      flush();
      out.push(row);
    } else block.push(row);
  }
  flush();
  return out;
}
