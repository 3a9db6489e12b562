// npx tsx agent/bench-faults.ts [deadlineMs]: how long the client takes to turn each
// fault into an outcome, against the limit of deadline + 2 s.
import { runOnAgent } from '../lib/agents/client';
import { startFaultAgent, type FaultMode } from '../tests/agents/fault-agent';
import { freePort } from '../tests/agents/start-agent';

const DEFAULT_DEADLINE_MS = 3_000;
const GRACE_MS = 2_000;
const deadlineMs = Number(process.argv[2] ?? DEFAULT_DEADLINE_MS);
const secret = 'bench-secret-0123456789abcdef0123456789';
const modes: FaultMode[] = [
  'hang',
  'headers-then-hang',
  'trickle',
  'http500',
  'non-json',
  'huge',
  'wrong-secret',
  'slow-close',
  'no-exit',
  'reset',
];

async function measure(label: string, baseUrl: string): Promise<void> {
  const started = performance.now();
  const outcome = await runOnAgent({ baseUrl, secret, request: { check: 'echo' }, deadlineMs, hostLabel: 'web-1' });
  const elapsed = performance.now() - started;
  const verdict = elapsed < deadlineMs + GRACE_MS ? 'ok' : 'LATE';
  const what =
    outcome.kind === 'error'
      ? `${outcome.code}: ${outcome.message}`
      : `exited ${outcome.exitCode}, stdout ${outcome.stdout.length} chars${outcome.stdoutTruncated ? ' (truncated)' : ''}`;
  console.log(`${label.padEnd(18)} ${elapsed.toFixed(0).padStart(6)} ms  ${verdict}  ${what}`);
}

console.log(`deadline ${deadlineMs} ms, limit ${deadlineMs + GRACE_MS} ms`);
await measure('refused', `http://127.0.0.1:${await freePort()}`);
for (const mode of modes) {
  const fault = await startFaultAgent(mode);
  try {
    await measure(mode, fault.url);
  } finally {
    await fault.close();
  }
}
