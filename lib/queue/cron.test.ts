import { describe, expect, it } from 'vitest';
import { cronItems, VERIFY_TICK_TASK } from './cron';
import { taskList } from './tasks';

describe('the queue scheduler', () => {
  it('ticks scheduled verification every minute, with a task the worker knows', () => {
    const items = cronItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ task: VERIFY_TICK_TASK, identifier: VERIFY_TICK_TASK });
    expect(Object.keys(taskList({} as never))).toContain(VERIFY_TICK_TASK);
  });
});
