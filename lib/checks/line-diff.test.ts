import { describe, expect, it } from 'vitest';
import { DIFF_INPUT_MAX_CHARS, lineDiff, toSplitRows, type DiffLine } from './line-diff';

const RULES_A = ['-A -t 10.54.213.148:80 -s wrr', '-a -t 10.54.213.148:80 -r 10.131.153.80:80 -g -w 1'].join('\n');
const RULES_B = ['-A -t 10.54.213.148:80 -s wrr', '-a -t 10.54.213.148:80 -r 10.131.153.81:80 -g -w 1'].join('\n');

describe('lineDiff', () => {
  it('marks the changed line and, inside it, the changed word', () => {
    const d = lineDiff(RULES_A, RULES_B);
    expect(d.identical).toBe(false);
    expect(d.rows.map((r) => r.kind)).toEqual(['same', 'del', 'add']);
    const added = d.rows[2] as DiffLine;
    expect(added.segments!.filter((s) => s.changed).map((s) => s.text)).toEqual(['81']);
    expect(added.segments!.map((s) => s.text).join('')).toBe(added.text);
    expect((d.rows[1] as DiffLine).oldNo).toBe(2);
    expect(added.newNo).toBe(2);
  });

  it('folds long unchanged stretches, keeping three lines of context', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `ip_vs_rr ${i}`);
    const changed = [...lines];
    changed[25] = 'ip_vs_wrr 25';
    const d = lineDiff(lines.join('\n'), changed.join('\n'));
    expect(d.rows[0]).toEqual({ kind: 'skip', count: 22 });
    expect(d.rows.at(-1)).toEqual({ kind: 'skip', count: 21 });
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
  });

  it('diffs only the first DIFF_INPUT_MAX_CHARS of a huge output and says so', () => {
    const huge = 'x'.repeat(80).concat('\n').repeat(2000);
    const d = lineDiff(huge, `changed\n${huge}`);
    expect(d.truncated).toBe(true);
    expect(d.rows.filter((r) => r.kind !== 'skip').every((r) => ((r as DiffLine).oldNo ?? 0) <= DIFF_INPUT_MAX_CHARS / 81)).toBe(
      true,
    );
  });

  it('gives up on outputs with nothing in common rather than spending seconds', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    const d = lineDiff(a, b);
    expect(d.tooDifferent).toBe(true);
    expect(d.rows).toEqual([]);
  });

  // Attack (issue 10, batch page): a host prints 64 lines of 499 characters whose
  // words all differ from the baseline's. The line diff stays under its 1,000
  // edits, and each pair of lines used to get an unbounded word diff: 2 s per
  // group on a quiet machine, and the page diffs 20 groups, stdout and stderr.
  it('bounds the word marks of a hostile output: lines with every word changed are marked whole', () => {
    const line = (x: string, y: string) => Array.from({ length: 250 }, (_, i) => (i % 2 ? x : y)).join(' ').slice(0, 499);
    const a = Array.from({ length: 64 }, () => line('a', 'b')).join('\n');
    const b = Array.from({ length: 64 }, () => line('c', 'd')).join('\n');
    const started = performance.now();
    const d = lineDiff(a, b);
    const took = performance.now() - started;
    expect(d.tooDifferent).toBe(false);
    expect(d.added).toBe(64);
    expect((d.rows as DiffLine[]).every((r) => r.segments === null)).toBe(true);
    // Generous for a loaded CI machine; the unbounded version took 2,000+ ms.
    expect(took).toBeLessThan(600);
  });

  it('still marks a few changed words inside long lines', () => {
    const base = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    const d = lineDiff(base, base.replace('w30', 'x30'));
    const added = d.rows.find((r) => r.kind === 'add') as DiffLine;
    expect(added.segments!.filter((s) => s.changed).map((s) => s.text)).toEqual(['x30']);
  });

  it('pairs removed and added lines side by side', () => {
    const rows = toSplitRows(lineDiff(`${RULES_A}\nonly before`, RULES_B).rows);
    expect(rows.map((r) => (r.kind === 'pair' ? [r.left?.kind ?? null, r.right?.kind ?? null] : 'skip'))).toEqual([
      ['same', 'same'],
      ['del', 'add'],
      ['del', null],
    ]);
  });
});
