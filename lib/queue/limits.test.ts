import { describe, expect, it } from 'vitest';
import {
  AGENT_CONCURRENCY_DEFAULT,
  agentConcurrency,
  LAUNCH_CONCURRENCY_DEFAULT,
  launchConcurrency,
  WORKER_CONCURRENCY_DEFAULT,
  WORKER_CONCURRENCY_MAX,
  workerConcurrency,
} from './limits';

describe('concurrency settings', () => {
  it('default when unset, blank or not a positive integer: a typo must not stop a worker', () => {
    for (const value of [undefined, '', ' ', 'abc', '0', '-3', '2.5']) {
      expect(workerConcurrency({ WORKER_CONCURRENCY: value })).toBe(WORKER_CONCURRENCY_DEFAULT);
      expect(agentConcurrency({ AGENT_CONCURRENCY: value })).toBe(AGENT_CONCURRENCY_DEFAULT);
      expect(launchConcurrency({ LAUNCH_CONCURRENCY: value })).toBe(LAUNCH_CONCURRENCY_DEFAULT);
    }
  });

  it('take a valid value and clamp a huge one to the maximum', () => {
    expect(workerConcurrency({ WORKER_CONCURRENCY: '12' })).toBe(12);
    expect(workerConcurrency({ WORKER_CONCURRENCY: '100000' })).toBe(WORKER_CONCURRENCY_MAX);
    expect(agentConcurrency({ AGENT_CONCURRENCY: ' 2 ' })).toBe(2);
  });
});
