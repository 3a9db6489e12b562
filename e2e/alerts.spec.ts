// An Alertmanager payload for a gateway that shows FAILED in `ip neigh`, posted
// with an integration account's token, opens a draft incident; an author opens
// it and finds the OVH incident (seed content) under "Seen before".
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const OVH_TITLE = 'OVH reverse proxy lost its gateway, making every OVH service unreachable';
const fixture = JSON.parse(
  readFileSync(path.join(process.cwd(), 'tests/fixtures/alerts/alertmanager-gateway-failed.json'), 'utf8'),
) as Record<string, unknown>;

test('an alert for a FAILED gateway opens a draft that lists the OVH incident under Seen before', async ({
  db,
  page,
  makeUser,
  signIn,
}) => {
  // An integration account and its token, written as the token store does (SHA-256 of the token).
  const userId = randomUUID();
  const token = `pmkb_${randomBytes(32).toString('base64url')}`;
  await db.query(
    `INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'E2E Alertmanager', 'integration', now())`,
    [userId, `e2e-integration-${userId.slice(0, 8)}@example.com`],
  );
  await db.query(`INSERT INTO api_tokens (id, user_id, name, prefix, token_hash) VALUES ($1, $2, 'e2e', $3, $4)`, [
    randomUUID(),
    userId,
    token.slice(0, 12),
    createHash('sha256').update(token).digest('hex'),
  ]);
  const groupKey = `e2e-${randomUUID()}`;
  try {
    const res = await page.request.post('/api/v1/alerts/alertmanager', {
      headers: { authorization: `Bearer ${token}` },
      data: { ...fixture, groupKey },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { incident: { url: string }; matches: { slug: string }[] };
    expect(body.matches.map((m) => m.slug)).toContain('ovh-reverse-proxy-ip-lost-2024-08');

    await signIn(await makeUser('author'));
    await page.goto(body.incident.url);
    await expect(page.getByRole('heading', { name: /GatewayArpFailed/ }).first()).toBeVisible();
    const seenBefore = page.getByRole('heading', { name: 'Seen before' });
    await expect(seenBefore).toBeVisible();
    await expect(page.getByRole('link', { name: OVH_TITLE }).first()).toBeVisible();

    // The alerts page lists the group with its draft for an author.
    await page.goto('/alerts');
    await expect(page.getByText(groupKey)).toBeVisible();
  } finally {
    const { rows } = await db.query<{ incident_id: string | null }>('SELECT incident_id FROM alert_groups WHERE group_key = $1', [
      groupKey,
    ]);
    await db.query('DELETE FROM alert_groups WHERE group_key = $1', [groupKey]);
    for (const r of rows) if (r.incident_id) await db.query('DELETE FROM incidents WHERE id = $1', [r.incident_id]);
    await db.query('DELETE FROM users WHERE id = $1', [userId]);
  }
});
