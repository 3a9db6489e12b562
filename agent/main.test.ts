import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnAgent } from '../lib/agents/client';
import { isAlive, TEST_SECRET } from '../tests/agents/agent-server';
import { startAgentProcess } from '../tests/agents/start-agent';

const repoRoot = path.resolve(import.meta.dirname, '..');

function agentCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'agent/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('npm run agent', () => {
  it('exits 2 with the field path on a bad config', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-main-'));
    const file = path.join(dir, 'agent.yaml');
    writeFileSync(file, `name: x\nsecret: "${'s'.repeat(32)}"\nchecks:\n  - { slug: sh, argv: [sh, -c, id], timeoutMs: 1000 }\n`);
    const result = agentCli(['--config', file, '--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('checks.0.argv: argv[0] must not be sh');
  });

  it('exits 2 on missing options', () => {
    const result = agentCli(['--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--config is required');
  });

  it('kills running checks when stopped with SIGTERM', async () => {
    const agent = await startAgentProcess({
      config: {
        name: 'stopping',
        secret: TEST_SECRET,
        checks: [
          {
            slug: 'forever',
            argv: [process.execPath, '-e', 'console.log(process.pid); setInterval(() => {}, 1000)'],
            timeoutMs: 60_000,
          },
        ],
      },
    });
    let pid = 0;
    const outcome = runOnAgent({
      baseUrl: agent.url,
      secret: TEST_SECRET,
      request: { check: 'forever' },
      deadlineMs: 10_000,
      onEvent: (event) => {
        if (event.type === 'stdout') pid = Number(event.data.trim());
      },
    });
    await expect.poll(() => pid, { timeout: 5_000 }).toBeGreaterThan(0);
    await agent.close();
    expect(isAlive(pid)).toBe(false);
    expect(await outcome).toMatchObject({ kind: 'exited', signal: 'SIGTERM' });
  }, 30_000);
});
