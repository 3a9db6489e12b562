import { describe, expect, it } from 'vitest';
import { KeyedSemaphore } from './keyed-semaphore';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedSemaphore', () => {
  it('lets at most `limit` holders per key through, in arrival order, and keys do not share slots', async () => {
    const sem = new KeyedSemaphore(2);
    const order: string[] = [];
    const a1 = await sem.acquire('agent-a');
    const a2 = await sem.acquire('agent-a');
    const b1 = await sem.acquire('agent-b'); // another agent is not held up by agent-a
    const third = sem.acquire('agent-a').then((release) => (order.push('third'), release));
    const fourth = sem.acquire('agent-a').then((release) => (order.push('fourth'), release));
    await tick();
    expect(order).toEqual([]);
    expect(sem.heldFor('agent-a')).toBe(2);
    a1();
    a1(); // releasing twice frees one slot only
    await tick();
    expect(order).toEqual(['third']);
    a2();
    await tick();
    expect(order).toEqual(['third', 'fourth']);
    (await third)();
    (await fourth)();
    b1();
    expect(sem.size).toBe(0); // nothing left behind per key
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedSemaphore(0)).toThrow(/positive integer/);
  });
});
