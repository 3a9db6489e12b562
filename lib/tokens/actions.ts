'use server';
// Personal API tokens: each user manages their own. The token is returned once
// and never stored; see ./token.ts. Each action runs through lib/actions/pipeline.ts.
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { db } from '@/lib/db';
import { createTokenSchema, revokeTokenSchema } from './schema';
import { generateToken } from './token';

/** More live tokens than this per person is a leak waiting to happen. */
const MAX_LIVE_TOKENS = 20;

export const createApiToken = action({
  name: 'token.create',
  role: 'viewer',
  input: 'form',
  schema: createTokenSchema,
  handler: async (data, { viewer }): Promise<ActionResult<{ token: string; name: string }>> => {
    const live = await db.apiToken.count({ where: { userId: viewer.id, revokedAt: null } });
    if (live >= MAX_LIVE_TOKENS) return { ok: false, error: `You already have ${MAX_LIVE_TOKENS} live tokens; revoke one first.` };
    const { token, hash, prefix } = generateToken();
    const row = await db.apiToken.create({
      data: {
        userId: viewer.id,
        name: data.name,
        prefix,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + data.expiresInDays * 86_400_000),
      },
    });
    await audit(viewer, { action: 'token.create', targetType: 'api_token', targetId: row.id, outcome: 'success', details: { name: row.name } });
    return { ok: true, token, name: row.name };
  },
  revalidate: () => ['/account'],
});

export const revokeApiToken = action({
  name: 'token.revoke',
  role: 'viewer',
  input: 'form',
  schema: revokeTokenSchema,
  handler: async ({ tokenId }, { viewer }) => {
    // Scoped to the caller: nobody revokes (or probes for) another person's token.
    const updated = await db.apiToken.updateMany({
      where: { id: tokenId, userId: viewer.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (updated.count === 0) return { ok: false, error: 'No such live token.' };
    await audit(viewer, { action: 'token.revoke', targetType: 'api_token', targetId: tokenId, outcome: 'success' });
    return { ok: true };
  },
  revalidate: () => ['/account'],
});
