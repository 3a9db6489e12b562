import { z } from 'zod';
import { safeString } from '@/lib/validation/text';

/** More live tokens than this per person is a leak waiting to happen. */
export const MAX_LIVE_TOKENS = 20;
/** Longest token lifetime offered; forever-tokens leak and are forgotten. */
export const TOKEN_MAX_DAYS = 365;

export const createTokenSchema = z.object({
  name: safeString().trim().min(1, 'Name the token after what uses it.').max(80),
  expiresInDays: z.coerce.number().int().min(1).max(TOKEN_MAX_DAYS).default(90),
});
export const revokeTokenSchema = z.object({ tokenId: safeString().min(1).max(64) });
