import { describe, expect, it } from 'vitest';
import { FANOUT_MAX_HOSTS, hostPickProblem } from './launch-rules';
import { launchSchema } from './launch-schema';

// The browser's pre-check (no zod in the page) must answer as the server's schema does.
describe('hostPickProblem', () => {
  const picks = [
    [],
    ['h1'],
    ['h1', 'h2'],
    ['h1', 'h1'],
    Array.from({ length: FANOUT_MAX_HOSTS }, (_, i) => `h${i}`),
    Array.from({ length: FANOUT_MAX_HOSTS + 1 }, (_, i) => `h${i}`),
  ];
  it.each(picks.map((p) => [p.length, p] as const))('agrees with launchSchema for %i hosts', (_n, hostIds) => {
    const parsed = launchSchema.safeParse({ check: 'ip-neigh', hostIds, params: {} });
    const schemaSays = parsed.success ? null : (parsed.error.issues.find((i) => i.path[0] === 'hostIds')?.message ?? null);
    expect(hostPickProblem(hostIds)).toBe(schemaSays);
  });
});
