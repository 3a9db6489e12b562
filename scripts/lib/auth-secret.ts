// Better Auth signs cookies with a secret. BETTER_AUTH_SECRET wins; otherwise
// one is generated on first start and kept in the data folder (mode 600, git-ignored).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function authSecret(dataDir: string): { secret: string; source: 'env' | 'file' | 'generated' } {
  if (process.env.BETTER_AUTH_SECRET) return { secret: process.env.BETTER_AUTH_SECRET, source: 'env' };
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: 'generated' };
}
