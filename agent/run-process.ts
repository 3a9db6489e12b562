// Runs one allowed argv in its own process group and reports what it does as agent events.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { AgentEvent } from './protocol';

/** Nothing of the agent's own environment (secrets included) reaches a check. */
export const CHECK_ENV = Object.freeze({
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  LANG: 'C',
  LC_ALL: 'C',
});
/** Time a process group gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 1_000;

export type RunOptions = { timeoutMs: number; maxOutputBytes: number; emit: (event: AgentEvent) => void };
export type RunHandle = {
  /** Settles after the final exit or error event has been emitted. */
  done: Promise<void>;
  /** Ends the whole process group early (client gone, agent shutting down). */
  kill(): void;
};

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function spawnErrorMessage(command: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `command not found on this host: ${command}`;
  if (error.code === 'EACCES') return `command not executable on this host: ${command}`;
  return `could not start ${command}: ${error.code ?? error.message}`;
}

class CappedStream {
  bytes = 0;
  truncated = false;
  private readonly decoder = new StringDecoder('utf8');
  constructor(
    private readonly type: 'stdout' | 'stderr',
    private readonly cap: number,
    private readonly emit: (event: AgentEvent) => void,
  ) {}

  push(chunk: Buffer): void {
    const room = this.cap - this.bytes;
    this.bytes += chunk.length;
    if (this.truncated) return;
    if (chunk.length > room) {
      this.truncated = true;
      this.send(this.decoder.write(chunk.subarray(0, Math.max(room, 0))) + this.decoder.end());
      return;
    }
    this.send(this.decoder.write(chunk));
  }

  flush(): void {
    if (!this.truncated) this.send(this.decoder.end());
  }

  private send(data: string): void {
    if (data.length > 0) this.emit({ type: this.type, data });
  }
}

export function runProcess(argv: readonly string[], options: RunOptions): RunHandle {
  const [command, ...args] = argv as [string, ...string[]];
  const started = Date.now();
  const child = spawn(command, args, {
    shell: false,
    detached: true,
    // Next's types make NODE_ENV mandatory in ProcessEnv; a check must not get it.
    env: { ...CHECK_ENV } as unknown as NodeJS.ProcessEnv,
    cwd: '/',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = new CappedStream('stdout', options.maxOutputBytes, options.emit);
  const stderr = new CappedStream('stderr', options.maxOutputBytes, options.emit);
  let timedOut = false;
  let finished = false;
  let killTimer: NodeJS.Timeout | undefined;

  const terminate = (): void => {
    if (child.pid === undefined || killTimer) return;
    signalGroup(child.pid, 'SIGTERM');
    const pid = child.pid;
    // Even after the leader exits, stragglers in its group get the SIGKILL.
    killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    killTimer.unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    terminate();
  }, options.timeoutMs);

  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  const done = new Promise<void>((resolve) => {
    child.once('spawn', () => {
      options.emit({ type: 'started', pid: child.pid as number, at: new Date(started).toISOString() });
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (finished || child.pid !== undefined) return;
      finished = true;
      clearTimeout(timer);
      options.emit({ type: 'error', message: spawnErrorMessage(command, error) });
      resolve();
    });
    // 'close' waits for both pipes, so every byte is reported before the exit event.
    child.once('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      stdout.flush();
      stderr.flush();
      options.emit({
        type: 'exit',
        exitCode,
        signal,
        timedOut,
        durationMs: Date.now() - started,
        stdoutBytes: stdout.bytes,
        stderrBytes: stderr.bytes,
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
      });
      resolve();
    });
  });

  return { done, kill: terminate };
}
