// Starts the agent (agent/main.ts) as its own process and waits until it
// listens. Used by `npm start` for the demo's local agent, by `npm test` for
// the e2e host, and by the integration tests' stand-in hosts.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** tsx compiles on start; a cold start on a busy machine takes a few seconds. */
const START_TIMEOUT_MS = 20_000;
/** The agent kills its running checks and exits well within this on SIGTERM. */
const STOP_TIMEOUT_MS = 5_000;

export type SpawnedAgent = { url: string; pid: number; child: ChildProcess; stop(): Promise<void> };

export async function spawnAgent(options: {
  configPath: string;
  port?: number;
  host?: string;
  env?: Record<string, string>;
  /** Each line the agent prints after it listens (its access log). */
  onLine?: (line: string) => void;
}): Promise<SpawnedAgent> {
  const args = [
    '--import',
    'tsx',
    path.join(REPO_ROOT, 'agent/main.ts'),
    '--config',
    options.configPath,
    '--port',
    String(options.port ?? 0),
  ];
  if (options.host) args.push('--host', options.host);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));

  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    let listening: string | null = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the agent did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr.trim()}`));
    }, START_TIMEOUT_MS);
    // Keep draining stdout for the agent's whole life so it never blocks on a full pipe.
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (listening) options.onLine?.(line);
        else {
          const match = /listening on (http:\/\/\S+)/.exec(line);
          if (match?.[1]) {
            listening = match[1];
            clearTimeout(timer);
            resolve(listening);
          }
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`the agent exited with code ${code} before listening: ${stderr.trim()}`));
    });
  });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, pid: child.pid!, child, stop };
}
