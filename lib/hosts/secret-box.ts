// Agent secrets are stored sealed (AES-256-GCM), so a database dump or backup
// alone does not let anyone sign requests to the hosts' agents.
//
// The key is HOST_SECRET_KEY when set (any string of 32+ characters), else it
// is derived from BETTER_AUTH_SECRET. Changing that key means re-entering the
// hosts' secrets: sealed values then fail to open with a clear message.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_INFO = 'pmkb host agent secrets v1';

type Env = Record<string, string | undefined>;

export class SecretBoxError extends Error {}

function keyFrom(env: Env): Buffer {
  const material = env.HOST_SECRET_KEY || env.BETTER_AUTH_SECRET;
  if (!material || material.length < 32) {
    throw new SecretBoxError('HOST_SECRET_KEY (or BETTER_AUTH_SECRET) must be set to 32+ characters to store host secrets');
  }
  return Buffer.from(hkdfSync('sha256', material, 'pmkb', KEY_INFO, 32));
}

export function sealSecret(plain: string, env: Env = process.env): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(env), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(sealed: string, env: Env = process.env): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new SecretBoxError('the stored host secret is not in a known format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(env), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError("the host's secret cannot be opened with the current key: re-enter it on the Hosts page");
  }
}

/** Bytes of randomness in a generated agent secret: 256 bits, 43 base64url characters. */
const GENERATED_SECRET_BYTES = 32;

/** A new agent secret for rotation: printable, no spaces, above the agent's minimum length. */
export function generateSecret(): string {
  return randomBytes(GENERATED_SECRET_BYTES).toString('base64url');
}
