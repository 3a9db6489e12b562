import { describe, expect, it } from 'vitest';
import { judge } from './verdict';

describe('judge', () => {
  it('compares exit codes', () => {
    expect(judge({ kind: 'exit_code', value: '0' }, { exitCode: 0, stdout: '' }).passed).toBe(true);
    const failed = judge({ kind: 'exit_code', value: '0' }, { exitCode: 3, stdout: '' });
    expect(failed).toEqual({ passed: false, verdict: 'Expected exit code 0; got 3.' });
  });

  it('trims around equals, the way cat of a sysctl prints it', () => {
    expect(judge({ kind: 'equals', value: '1' }, { exitCode: 0, stdout: '1\n' }).passed).toBe(true);
    const failed = judge({ kind: 'equals', value: '1' }, { exitCode: 0, stdout: '0\n' });
    expect(failed).toEqual({ passed: false, verdict: 'Expected output equals "1"; got "0".' });
  });

  it('matches contains and multi-line regexes', () => {
    expect(judge({ kind: 'contains', value: 'Peer Up' }, { exitCode: 0, stdout: 'x msg="Peer Up" y' }).passed).toBe(true);
    expect(judge({ kind: 'regex', value: '^ip_vs\\s' }, { exitCode: 0, stdout: 'nf_nat 1\nip_vs 2\n' }).passed).toBe(true);
    expect(judge({ kind: 'regex', value: '^ip_vs\\s' }, { exitCode: 0, stdout: 'nf_nat 1\n' }).passed).toBe(false);
  });

  it('fails output checks when the command failed, whatever it printed', () => {
    const v = judge({ kind: 'contains', value: 'x' }, { exitCode: 1, stdout: 'x' });
    expect(v).toEqual({ passed: false, verdict: 'Expected output contains "x"; the command exited with 1.' });
  });

  it('quotes long output briefly', () => {
    const v = judge({ kind: 'equals', value: '1' }, { exitCode: 0, stdout: 'y'.repeat(500) });
    expect(v.verdict.length).toBeLessThan(140);
  });
});
