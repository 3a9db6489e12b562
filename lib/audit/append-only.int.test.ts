// The audit trail is append-only in the database itself (issue 10, class 9):
// plain SQL, from any session, can neither change, delete nor truncate it. The
// one change allowed is the foreign key's ON DELETE SET NULL when a user is erased.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations } from '@/scripts/lib/schema-engine';

const url = inject('databaseUrl');
// One connection: the embedded database (PGlite) serves one session at a time.
const client = new pg.Client({ connectionString: url });

const q = (text: string, values: unknown[] = []) => client.query(text, values);

beforeAll(async () => {
  await applyMigrations(url);
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

async function event(actorId: string | null = null): Promise<string> {
  const id = `append-only-${Math.random().toString(36).slice(2, 10)}`;
  await q(`INSERT INTO audit_events (id, actor_id, action, outcome) VALUES ($1, $2, 'test.append_only', 'success')`, [
    id,
    actorId,
  ]);
  return id;
}

async function user(): Promise<string> {
  const id = `append-only-user-${Math.random().toString(36).slice(2, 10)}`;
  await q(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Audit test', 'viewer', now())`, [
    id,
    `${id}@example.com`,
  ]);
  return id;
}

describe('audit_events refuses', () => {
  it('UPDATE', async () => {
    const id = await event();
    await expect(q(`UPDATE audit_events SET outcome = 'denied' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
  });

  it('DELETE', async () => {
    const id = await event();
    await expect(q(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(/append-only \(DELETE refused\)/);
  });

  it('TRUNCATE', async () => {
    await event();
    await expect(q('TRUNCATE audit_events')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    await expect(q('TRUNCATE audit_events CASCADE')).rejects.toThrow(/append-only/);
    expect(Number((await q('SELECT count(*) AS n FROM audit_events')).rows[0].n)).toBeGreaterThan(0);
  });

  it('blanking the actor of an event whose user still exists', async () => {
    const id = await event(await user());
    await expect(q(`UPDATE audit_events SET actor_id = NULL WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
  });
});

describe('audit_events allows', () => {
  it('forgetting the actor when the user is erased, keeping the event', async () => {
    const actor = await user();
    const id = await event(actor);
    await q('DELETE FROM users WHERE id = $1', [actor]);
    const row = (await q('SELECT actor_id, action FROM audit_events WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ actor_id: null, action: 'test.append_only' });
  });
});
