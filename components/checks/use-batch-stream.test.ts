import { describe, expect, it } from 'vitest';
import type { RunPatch } from '@/lib/checks/run-patch';
import type { RunView } from '@/lib/checks/types';
import { mergeSnapshot, patchRuns } from './use-batch-stream';

const view = (id: string, stdout = ''): RunView => ({ id, status: 'running', stdout, stderr: '' }) as unknown as RunView;
const patch = (id: string, over: Partial<RunPatch>): RunPatch =>
  ({ id, status: 'running', stdoutFrom: 0, stdout: '', stderrFrom: 0, stderr: '', ...over }) as RunPatch;

describe('following a launch in the browser', () => {
  it('appends new output, and replaces it when a patch starts from 0', () => {
    let runs = [view('a', 'one\n'), view('b')];
    runs = patchRuns(runs, patch('a', { stdoutFrom: 4, stdout: 'two\n' }));
    expect(runs[0]!.stdout).toBe('one\ntwo\n');
    runs = patchRuns(runs, patch('a', { status: 'passed', stdoutFrom: 0, stdout: 'final\n' }));
    expect(runs[0]).toMatchObject({ status: 'passed', stdout: 'final\n' });
    expect(runs[1]!.stdout).toBe('');
  });

  it('keeps the output already shown when the stream snapshot (without output) arrives', () => {
    const merged = mergeSnapshot([view('a', 'shown\n')], [{ ...view('a'), status: 'passed' }, view('new')]);
    expect(merged.map((r) => [r.id, r.status, r.stdout])).toEqual([
      ['a', 'passed', 'shown\n'],
      ['new', 'running', ''],
    ]);
  });
});
