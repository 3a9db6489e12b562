// Fixtures that create the data a test needs and remove it afterwards, through
// plain SQL so the browser tests do not depend on the app's own write paths.
import { randomUUID } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { hashPassword } from 'better-auth/crypto';
import pg from 'pg';

export interface TestIncident {
  slug: string;
  title: string;
  service: string;
  command: string;
}

export interface TestUser {
  email: string;
  password: string;
  name: string;
  role: 'viewer' | 'author' | 'operator' | 'admin';
}

/**
 * Signs in through Better Auth's endpoint; the request's browser context keeps the
 * cookie. The one sign-in of the e2e tests: specs use the `signIn` fixture, which
 * calls this (auth.spec.ts also drives the form, because the form is what it tests).
 */
export async function signInWithApi(request: APIRequestContext, baseURL: string, user: TestUser) {
  const res = await request.post('/api/auth/sign-in/email', {
    headers: { origin: new URL(baseURL).origin },
    data: { email: user.email, password: user.password },
  });
  expect(res.status()).toBe(200);
}

interface Fixtures {
  db: pg.Client;
  testIncident: TestIncident;
  makeUser: (role: TestUser['role']) => Promise<TestUser>;
  /** Signs `user` in on `page` (the test's own page unless another is given). */
  signIn: (user: TestUser, page?: Page) => Promise<void>;
}

/**
 * Fixtures write with plain SQL, past the app's write paths: they tell the app's
 * read caches themselves, as every write path does (lib/cache/notify.ts).
 */
export async function notifyIncidentsChanged(db: pg.Client): Promise<void> {
  await db.query("SELECT pg_notify('pmkb_cache', 'incidents')");
}

export const test = base.extend<Fixtures>({
  db: async ({}, provide) => {
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    await provide(client);
    await client.end();
  },
  makeUser: async ({ db }, provide) => {
    const created: string[] = [];
    await provide(async (role) => {
      const suffix = randomUUID().slice(0, 8);
      const user: TestUser = {
        email: `e2e-${role}-${suffix}@example.com`,
        password: `pw-${randomUUID()}`,
        name: `E2E ${role} ${suffix}`,
        role,
      };
      const id = randomUUID();
      await db.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, $4, now())`, [
        id,
        user.email,
        user.name,
        role,
      ]);
      await db.query(
        `INSERT INTO accounts (id, user_id, account_id, provider_id, password, updated_at) VALUES ($1, $2, $2, 'credential', $3, now())`,
        [randomUUID(), id, await hashPassword(user.password)],
      );
      created.push(id);
      return user;
    });
    // Incidents they opened go too; their audit events stay, anonymised by the FK.
    await db.query(`DELETE FROM incidents WHERE author = ANY(SELECT name FROM users WHERE id = ANY($1))`, [created]);
    await db.query('DELETE FROM users WHERE id = ANY($1)', [created]);
  },
  signIn: async ({ page, baseURL }, provide) => {
    await provide((user, on = page) => signInWithApi(on.request, baseURL!, user));
  },
  testIncident: async ({ db }, provide) => {
    const suffix = randomUUID().slice(0, 8);
    const incident: TestIncident = {
      slug: `e2e-incident-${suffix}`,
      title: `E2E canary incident ${suffix}`,
      service: `e2e-service-${suffix}`,
      command: `ping -c 1 canary-${suffix}`,
    };
    const id = randomUUID();
    const serviceId = randomUUID();
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO incidents (id, slug, title, summary, severity, status, root_cause, timezone, started_at, resolved_at, impact, narrative, updated_at)
       VALUES ($1, $2, $3, 'A canary created by the e2e fixture.', 'SEV4', 'resolved', 'known', 'UTC',
               '2021-03-04T05:06:00Z', '2021-03-04T06:06:00Z', 'None.', '## What happened\n\nNothing, it is a test.', now())`,
      [id, incident.slug, incident.title],
    );
    await db.query(`INSERT INTO services (id, name) VALUES ($1, $2)`, [serviceId, incident.service]);
    await db.query(`INSERT INTO incident_services (incident_id, service_id) VALUES ($1, $2)`, [id, serviceId]);
    await db.query(`INSERT INTO symptoms (id, incident_id, position, text) VALUES ($1, $2, 0, 'canary symptom')`, [
      randomUUID(),
      id,
    ]);
    await db.query(
      `INSERT INTO timeline_entries (id, incident_id, position, at, kind, text) VALUES ($1, $2, 0, '2021-03-04T05:06:00Z', 'detection', 'Canary noticed.')`,
      [randomUUID(), id],
    );
    await db.query(
      `INSERT INTO resolution_steps (id, incident_id, position, text, command) VALUES ($1, $2, 0, 'Ping the canary.', $3)`,
      [randomUUID(), id, incident.command],
    );
    await db.query('COMMIT');
    await notifyIncidentsChanged(db);
    await provide(incident);
    await db.query('DELETE FROM incidents WHERE id = $1', [id]);
    await notifyIncidentsChanged(db);
    await db.query('DELETE FROM services WHERE id = $1', [serviceId]);
  },
});

export { expect };
