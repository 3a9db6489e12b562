// Starts the real agent (npm run agent) as a separate process, to stand in for a host.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentConfigInput } from '../../agent/config';

export type AgentProcess = { url: string; pid: number; close(): Promise<void> };
export type StartAgentOptions = ({ configPath: string } | { config: AgentConfigInput }) & {
  port?: number;
  /** Extra environment for the agent process (e.g. a secretEnv variable). */
  env?: Record<string, string>;
};

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx compiles on start; a cold start on a busy CI machine takes a few seconds. */
const START_TIMEOUT_MS = 20_000;
/** The agent kills its running checks and exits well within this on SIGTERM. */
const STOP_TIMEOUT_MS = 5_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startAgentProcess(options: StartAgentOptions): Promise<AgentProcess> {
  let tempDir: string | undefined;
  let configPath: string;
  if ('configPath' in options) {
    configPath = options.configPath;
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-agent-'));
    configPath = path.join(tempDir, 'agent.json');
    writeFileSync(configPath, JSON.stringify(options.config), { mode: 0o600 });
  }
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'agent/main.ts', '--config', configPath, '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cleanup = (): void => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`agent did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        stdout = '';
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agent exited with code ${code} before listening: ${stderr}`));
    });
  }).catch((error: unknown) => {
    cleanup();
    throw error;
  });
  // Keep draining the access log so the agent never blocks on a full pipe.
  child.stdout.resume();

  return {
    url,
    pid: child.pid as number,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }
      cleanup();
    },
  };
}
