import { describe, expect, it } from 'vitest';
import { FLEET, fleetRun, refusedMessage, timeoutMessage, unameOutput } from '@/tests/fixtures/checks/uname-batch';
import { compareToBaseline, groupRuns, messageKey, normalizeOutput, reasonLabel, type GroupableRun } from './grouping';

let seq = 0;
function run(over: Partial<GroupableRun> & { hostName: string }): GroupableRun {
  seq += 1;
  return { id: `run${seq}`, hostId: `host${seq}`, status: 'passed', exitCode: 0, stdout: '', stderr: '', message: null, ...over };
}

describe('normalizeOutput', () => {
  it('drops trailing whitespace per line and blank lines at the ends, nothing else', () => {
    expect(normalizeOutput('\n-A -t 10.54.213.148:80 -s wrr  \r\n-a -t 10.54.213.148:80\t\n\n')).toBe(
      '-A -t 10.54.213.148:80 -s wrr\n-a -t 10.54.213.148:80',
    );
    // The ends of the whole output are trimmed; indentation inside it is output.
    expect(normalizeOutput('  Chain INPUT\n    ACCEPT all')).toBe('Chain INPUT\n    ACCEPT all');
    expect(normalizeOutput('a  b')).toBe('a  b');
  });

  it('is linear on a long run of spaces inside a line (no regex backtracking)', () => {
    const nasty = `${' '.repeat(200_000)}x\n`.repeat(3);
    expect(normalizeOutput(nasty).endsWith('x')).toBe(true);
  });
});

describe('groupRuns', () => {
  it('groups 500 hosts of uname -a into same / differs / agent unreachable, baseline first', () => {
    const runs = Array.from({ length: FLEET.total }, (_, i) => run(fleetRun(i)));
    const { groups, baseline, summary } = groupRuns(runs);
    expect(groups.map((g) => g.label)).toEqual(['487 hosts: same output', '11 hosts: differs', '2 hosts: agent unreachable']);
    expect(baseline).toBe(groups[0]);
    expect(groups[1]!.runs.map((r) => r.hostName)).toEqual(
      Array.from({ length: 11 }, (_, k) => `director-${String(FLEET.firstOlder + k + 1).padStart(3, '0')}`),
    );
    expect(groups[2]!.representative.message).toBe(refusedMessage('director-499'));
    expect(summary).toEqual({ total: 500, passed: 498, failed: 0, error: 2, timeout: 0, running: 0 });
  });

  it('never puts an error in the baseline group, even when its stdout is as empty as the baseline', () => {
    // The old block compared stdout only and said "Same output as director-1" for a failed run.
    const runs = [
      run({ hostName: 'director-1', stdout: '' }),
      run({ hostName: 'director-2', status: 'error', exitCode: null, stdout: '', message: refusedMessage('director-2') }),
    ];
    const grouping = groupRuns(runs);
    expect(grouping.groups.map((g) => g.label)).toEqual(['1 host: same output', '1 host: agent unreachable']);
    expect(compareToBaseline(grouping, runs[1]!.id)).toBe('not-compared');
    expect(compareToBaseline(grouping, runs[0]!.id)).toBe('baseline');
  });

  it('keeps different errors apart and the same error on different hosts together', () => {
    const grouping = groupRuns([
      run({ hostName: 'director-1', status: 'error', exitCode: null, message: refusedMessage('director-1') }),
      run({ hostName: 'director-2', status: 'error', exitCode: null, message: 'The host secret cannot be read.' }),
      run({ hostName: 'director-3', status: 'error', exitCode: null, message: refusedMessage('director-3') }),
      run({ hostName: 'director-4', status: 'timed_out', exitCode: null, message: timeoutMessage }),
    ]);
    expect(grouping.baseline).toBeNull();
    expect(grouping.groups.map((g) => g.label)).toEqual([
      '2 hosts: agent unreachable',
      '1 host: host secret unreadable',
      '1 host: timed out',
    ]);
  });

  it('separates exit code and stderr, and ignores only trailing whitespace', () => {
    const out = unameOutput(false);
    const grouping = groupRuns([
      run({ hostName: 'a', stdout: out }),
      run({ hostName: 'b', stdout: out.replace('\n', '   \r\n\n') }),
      run({ hostName: 'c', stdout: out, exitCode: 1, status: 'failed' }),
      run({ hostName: 'd', stdout: out, stderr: 'uname: write error\n' }),
    ]);
    expect(grouping.groups.map((g) => [g.label, g.runs.map((r) => r.hostName)])).toEqual([
      ['2 hosts: same output', ['a', 'b']],
      ['1 host: differs', ['c']],
      ['1 host: differs', ['d']],
    ]);
    expect(compareToBaseline(grouping, grouping.groups[0]!.runs[1]!.id)).toBe('same');
    expect(compareToBaseline(grouping, grouping.groups[1]!.runs[0]!.id)).toBe('differs');
  });

  it('breaks a tie for the baseline toward the first host picked', () => {
    const grouping = groupRuns([
      run({ hostName: 'first', stdout: 'x' }),
      run({ hostName: 'second', stdout: 'y' }),
      run({ hostName: 'third', stdout: 'y' }),
      run({ hostName: 'fourth', stdout: 'x' }),
    ]);
    expect(grouping.baseline!.runs.map((r) => r.hostName)).toEqual(['first', 'fourth']);
  });

  it('puts queued and running runs in one still-running group, last', () => {
    const grouping = groupRuns([
      run({ hostName: 'a', status: 'running', exitCode: null }),
      run({ hostName: 'b', stdout: 'ok' }),
      run({ hostName: 'c', status: 'queued', exitCode: null }),
    ]);
    expect(grouping.groups.map((g) => g.label)).toEqual(['1 host: same output', '2 hosts: still running']);
    expect(grouping.summary.running).toBe(2);
  });

  it('groups 1,000 runs of 64 KiB each', () => {
    const big = 'ip_vs 172032 6 ip_vs_wrr,ip_vs_rr\n'.repeat(2000).slice(0, 64 * 1024);
    const runs = Array.from({ length: 1000 }, (_, i) =>
      run({ hostName: `lb-${i}`, stdout: i % 10 === 0 ? `${big.slice(0, -10)}changed\n` : big }),
    );
    const started = performance.now();
    const grouping = groupRuns(runs);
    console.log(`grouped 1,000 x 64 KiB in ${(performance.now() - started).toFixed(0)} ms`);
    expect(grouping.groups.map((g) => g.label)).toEqual(['900 hosts: same output', '100 hosts: differs']);
  });
});

describe('reasonLabel and messageKey', () => {
  it('derives short labels from the messages agents and the app give', () => {
    expect(reasonLabel('error', refusedMessage('web-1'))).toBe('agent unreachable');
    expect(reasonLabel('error', 'The agent host web-1 could not be found (DNS lookup failed)')).toBe('agent unreachable');
    expect(reasonLabel('error', "The agent at host web-1 rejected the app's signature: check the host's secret")).toBe(
      'agent rejected the signature',
    );
    expect(reasonLabel('error', 'The check could not start on host web-1: command not found on this host: ipvsadm')).toBe(
      'command not found',
    );
    expect(reasonLabel('error', 'The server running this check stopped before it finished. Run the check again.')).toBe(
      'stopped before it finished',
    );
    expect(reasonLabel('timed_out', timeoutMessage)).toBe('timed out');
    expect(reasonLabel('error', null)).toBe('error without a message');
  });

  it('falls back to the first clause of an unknown message, bounded', () => {
    expect(reasonLabel('error', 'Disk quota exceeded on /var/tmp. Free space first.')).toBe('disk quota exceeded on /var/tmp');
    expect(reasonLabel('error', `X${'y'.repeat(200)}`).length).toBeLessThanOrEqual(48);
  });

  it('takes the host name out of the message so one failure on many hosts is one key', () => {
    expect(messageKey(refusedMessage('director-7'), 'director-7')).toBe(messageKey(refusedMessage('director-8'), 'director-8'));
  });
});
