// Personal API tokens: 32 random bytes, shown once; only a SHA-256 hash is
// stored. A fast hash is right here (unlike for passwords): the token has 256
// bits of entropy, so there is nothing to brute-force.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'pmkb_';
/** Characters of the token kept in clear so people can tell their tokens apart. */
export const TOKEN_DISPLAY_CHARS = 12;

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_DISPLAY_CHARS) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer ...` header, if it looks like one of ours. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const token = match?.[1];
  return token && token.startsWith(TOKEN_PREFIX) && token.length < 200 ? token : null;
}
