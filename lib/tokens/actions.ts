'use server';
// Personal API tokens: each user manages their own. The token is returned once
// and never stored; see ./token.ts. Each action runs through lib/actions/pipeline.ts.
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { createTokenRow, MAX_LIVE_TOKENS, revokeTokenRow } from './mutations';
import { createTokenSchema, revokeTokenSchema } from './schema';
import { generateToken } from './token';

export const createApiToken = action({
  name: 'token.create',
  sessionOnly: true,
  role: 'viewer',
  input: 'form',
  schema: createTokenSchema,
  handler: async (data, { viewer }): Promise<ActionResult<{ token: string; name: string }>> => {
    const { token, hash, prefix } = generateToken();
    const row = await createTokenRow({
      userId: viewer.id,
      name: data.name,
      prefix,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + data.expiresInDays * 86_400_000),
    });
    if (!row) return { ok: false, error: `You already have ${MAX_LIVE_TOKENS} live tokens; revoke one first.` };
    await audit(viewer, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: row.id,
      outcome: 'success',
      details: { name: row.name },
    });
    return { ok: true, token, name: row.name };
  },
  revalidate: () => ['/account'],
});

export const revokeApiToken = action({
  name: 'token.revoke',
  sessionOnly: true,
  role: 'viewer',
  input: 'form',
  schema: revokeTokenSchema,
  handler: async ({ tokenId }, { viewer }) => {
    // Scoped to the caller: nobody revokes (or probes for) another person's token.
    if (!(await revokeTokenRow(tokenId, viewer.id))) return { ok: false, error: 'No such live token.' };
    await audit(viewer, { action: 'token.revoke', targetType: 'api_token', targetId: tokenId, outcome: 'success' });
    return { ok: true };
  },
  revalidate: () => ['/account'],
});
