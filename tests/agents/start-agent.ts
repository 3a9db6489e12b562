// Starts the real agent (npm run agent) as a separate process, to stand in for a host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentConfigInput } from '../../agent/config';
import { spawnAgent } from '../../agent/spawn';
import { freePort } from '../../scripts/lib/embedded-postgres';

export { freePort };
export type AgentProcess = { url: string; pid: number; close(): Promise<void> };
export type StartAgentOptions = ({ configPath: string } | { config: AgentConfigInput }) & {
  port?: number;
  /** Extra environment for the agent process (e.g. a secretEnv variable). */
  env?: Record<string, string>;
};

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
  const cleanup = () => tempDir && rmSync(tempDir, { recursive: true, force: true });
  try {
    const agent = await spawnAgent({ configPath, port: options.port ?? (await freePort()), env: options.env });
    return {
      url: agent.url,
      pid: agent.pid,
      close: async () => {
        await agent.stop();
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}
