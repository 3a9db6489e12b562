// Two instances starting together take turns at migrating and seeding.
import { describe, expect, inject, it } from 'vitest';
import { withStartupLock } from './startup-lock';

const url = inject('databaseUrl');
// PGlite is one session, where advisory locks are re-entrant; `npm start` takes
// this lock only on a real PostgreSQL (one server owns the embedded database).
const embedded = process.env.PMKB_EMBEDDED_DB === '1';
if (embedded) console.log('startup-lock: skipped on the embedded database (set TEST_DATABASE_URL to run it)');

describe.skipIf(embedded)('withStartupLock', () => {
  it("runs one instance's startup at a time; the second waits, then finds the work done", async () => {
    const events: string[] = [];
    let seeded = false;
    let waited = 0;
    const startup = (name: string) =>
      withStartupLock(
        url,
        async () => {
          events.push(`${name} in`);
          const first = !seeded;
          await new Promise((r) => setTimeout(r, 300)); // a migration in progress
          seeded = true;
          events.push(`${name} out`);
          return first;
        },
        () => waited++,
      );
    const [a, b] = await Promise.all([startup('a'), startup('b')]);
    expect(events).toHaveLength(4);
    expect(events[0]!.split(' ')[0]).toBe(events[1]!.split(' ')[0]); // never interleaved
    expect([a, b].filter(Boolean)).toHaveLength(1); // exactly one did the seeding
    expect(waited).toBe(1);
  });

  it('releases the lock when the startup fails', async () => {
    await expect(withStartupLock(url, async () => Promise.reject(new Error('migration failed')))).rejects.toThrow(
      'migration failed',
    );
    expect(await withStartupLock(url, async () => 'next')).toBe('next');
  });
});
