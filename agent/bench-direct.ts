// npx tsx agent/bench-direct.ts [runs]: latency of an `echo` check through the client,
// against an in-process agent on loopback, run after run.
import type { AddressInfo } from 'node:net';
import { runOnAgent } from '../lib/agents/client';
import { parseConfig } from './config';
import { createAgentServer } from './server';

const DEFAULT_RUNS = 100;
const secret = 'bench-secret-0123456789abcdef0123456789';
const runs = Number(process.argv[2] ?? DEFAULT_RUNS);

const server = createAgentServer(
  parseConfig({
    name: 'bench',
    secret,
    checks: [{ slug: 'echo', argv: ['echo', '{{word}}'], params: [{ name: 'word', pattern: '[a-z]+' }], timeoutMs: 5_000 }],
  }),
  { log: () => {} },
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const outcome = await runOnAgent({ baseUrl, secret, request: { check: 'echo', params: { word: 'hello' } }, deadlineMs: 5_000 });
  times.push(performance.now() - started);
  if (outcome.kind !== 'exited' || outcome.stdout !== 'hello\n') throw new Error(`run ${i} failed: ${JSON.stringify(outcome)}`);
}
times.sort((a, b) => a - b);
const at = (q: number): string => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
console.log(`echo through the client, ${runs} sequential runs: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
server.close();
