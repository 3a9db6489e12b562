'use server';
// Personal API tokens: each user manages their own. The token is returned once
// and never stored; see ./token.ts.
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';
import { invalid, formFields, type ActionResult } from '@/lib/actions/result';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { createTokenSchema, revokeTokenSchema } from './schema';
import { generateToken } from './token';

/** More live tokens than this per person is a leak waiting to happen. */
const MAX_LIVE_TOKENS = 20;

export async function createApiToken(_prev: unknown, formData: FormData): Promise<ActionResult<{ token: string; name: string }>> {
  const auth = await authorizeAction('viewer', 'token.create');
  if (!auth.ok) return auth;
  const fields = formFields(formData);
  const parsed = createTokenSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  const live = await db.apiToken.count({ where: { userId: auth.viewer.id, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS) return { ok: false, error: `You already have ${MAX_LIVE_TOKENS} live tokens; revoke one first.` };
  const { token, hash, prefix } = generateToken();
  const row = await db.apiToken.create({
    data: {
      userId: auth.viewer.id,
      name: parsed.data.name,
      prefix,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + parsed.data.expiresInDays * 86_400_000),
    },
  });
  await audit(auth.viewer, { action: 'token.create', targetType: 'api_token', targetId: row.id, outcome: 'success', details: { name: row.name } });
  revalidatePath('/account');
  return { ok: true, token, name: row.name };
}

export async function revokeApiToken(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('viewer', 'token.revoke');
  if (!auth.ok) return auth;
  const parsed = revokeTokenSchema.safeParse(formFields(formData));
  if (!parsed.success) return invalid(parsed.error);
  // Scoped to the caller: nobody revokes (or probes for) another person's token.
  const updated = await db.apiToken.updateMany({
    where: { id: parsed.data.tokenId, userId: auth.viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (updated.count === 0) return { ok: false, error: 'No such live token.' };
  await audit(auth.viewer, { action: 'token.revoke', targetType: 'api_token', targetId: parsed.data.tokenId, outcome: 'success' });
  revalidatePath('/account');
  return { ok: true };
}
