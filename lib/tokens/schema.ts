import { z } from 'zod';

/** Longest token lifetime offered; forever-tokens leak and are forgotten. */
export const TOKEN_MAX_DAYS = 365;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it.').max(80),
  expiresInDays: z.coerce.number().int().min(1).max(TOKEN_MAX_DAYS).default(90),
});
export const revokeTokenSchema = z.object({ tokenId: z.string().min(1).max(64) });
