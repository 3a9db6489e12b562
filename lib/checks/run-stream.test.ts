// The stream's logic against a fake listener and fake reads: what it sends,
// in which order, how notifications fold together, and that it ends.
import { describe, expect, it } from 'vitest';
import type { OutputCursor, RunChange } from './queries';
import { runEventStream } from './run-stream';
import type { RunView } from './types';

const run = (id: string): RunView =>
  ({ id, batchId: 'b', status: 'queued', stdout: 'old', stderr: '', hostName: id }) as unknown as RunView;

const change = (id: string, over: Partial<RunChange>): RunChange => ({
  id,
  status: 'running',
  exitCode: null,
  verdict: null,
  message: null,
  durationMs: null,
  startedAt: null,
  finishedAt: null,
  stdoutTruncated: false,
  stderrTruncated: false,
  stdoutFrom: 0,
  stdout: '',
  stderrFrom: 0,
  stderr: '',
  stdoutLength: 0,
  stderrLength: 0,
  ...over,
});

function fakeListener() {
  let notify = () => {};
  return {
    live: true,
    subscribe: (_b: string, fn: () => void) => ((notify = fn), () => (notify = () => {})),
    ready: async () => true,
    fire: () => notify(),
  };
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  return text
    .split('\n\n')
    .filter((f) => f.startsWith('event: '))
    .map((f) => ({ event: f.slice(7, f.indexOf('\n')), data: JSON.parse(f.slice(f.indexOf('data: ') + 6)) }));
}

describe('runEventStream', () => {
  it('sends the snapshot without output, then only changes, and ends with done', async () => {
    const listener = fakeListener();
    const cursors: OutputCursor[] = [];
    const reads: RunChange[][] = [
      [change('r1', { stdout: 'one\n', stdoutLength: 4 }), change('r2', { status: 'queued' })],
      // r2 did not change: nothing is sent for it.
      [change('r1', { stdoutFrom: 4, stdout: 'two\n', stdoutLength: 8 }), change('r2', { status: 'queued' })],
      [change('r1', { status: 'passed', stdoutFrom: 8, stdoutLength: 8 }), change('r2', { status: 'error', message: 'x' })],
    ];
    const stream = runEventStream('b', new AbortController().signal, {
      listener,
      readSnapshot: async () => [run('r1'), run('r2')],
      readChanges: async (_b, cursor) => {
        cursors.push(new Map(cursor));
        const next = reads.shift()!;
        if (reads.length) setImmediate(() => listener.fire());
        return next;
      },
    })!;
    const got = await readAll(stream);
    expect(got.map((e) => e.event)).toEqual(['snapshot', 'run', 'run', 'run', 'run', 'run', 'done']);
    expect(got[0]!.data.runs.map((r: RunView) => r.stdout)).toEqual(['', '']);
    expect(got.slice(1, -1).map((e) => [e.data.id, e.data.status, e.data.stdout])).toEqual([
      ['r1', 'running', 'one\n'],
      ['r2', 'queued', ''],
      ['r1', 'running', 'two\n'],
      ['r1', 'passed', ''],
      ['r2', 'error', ''],
    ]);
    // Each read asks from where the last one ended.
    expect(cursors[1]!.get('r1')).toEqual({ stdout: 4, stderr: 0 });
    expect(cursors[2]!.get('r1')).toEqual({ stdout: 8, stderr: 0 });
  });

  it('folds notifications that arrive during a read into one more read', async () => {
    const listener = fakeListener();
    let reads = 0;
    const stream = runEventStream('b', new AbortController().signal, {
      listener,
      readSnapshot: async () => [run('r1')],
      readChanges: async () => {
        reads++;
        if (reads === 1) for (let i = 0; i < 10; i++) listener.fire();
        return [change('r1', { status: reads === 1 ? 'running' : 'passed' })];
      },
    })!;
    await readAll(stream);
    expect(reads).toBe(2);
  });
});
