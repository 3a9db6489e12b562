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

  it('pairs removed and added lines side by side', () => {
    const rows = toSplitRows(lineDiff(`${RULES_A}\nonly before`, RULES_B).rows);
    expect(rows.map((r) => (r.kind === 'pair' ? [r.left?.kind ?? null, r.right?.kind ?? null] : 'skip'))).toEqual([
      ['same', 'same'],
      ['del', 'add'],
      ['del', null],
    ]);
  });
});
