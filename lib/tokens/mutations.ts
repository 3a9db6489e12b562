// API token writes on the app's one client, for ./actions.ts (house rule,
// decision 020: only queries.ts, mutations.ts and scripts import lib/db.ts).
import { db } from '@/lib/db';
import { MAX_LIVE_TOKENS } from './schema';

export { MAX_LIVE_TOKENS };

/** The new row, or null when the owner already holds MAX_LIVE_TOKENS live tokens. */
export async function createTokenRow(data: { userId: string; name: string; prefix: string; tokenHash: string; expiresAt: Date }) {
  const live = await db.apiToken.count({ where: { userId: data.userId, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS) return null;
  return db.apiToken.create({ data });
}

/** Scoped to the owner: nobody revokes (or probes for) another person's token. False when no such live token. */
export async function revokeTokenRow(tokenId: string, userId: string): Promise<boolean> {
  const updated = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return updated.count > 0;
}
