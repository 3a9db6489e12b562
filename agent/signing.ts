// HMAC request signing between the app and an agent. Secrets never leave this module
// except as the key of an HMAC.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-pmkb-timestamp';
export const NONCE_HEADER = 'x-pmkb-nonce';
export const SIGNATURE_HEADER = 'x-pmkb-signature';

/** Clock skew tolerated either side; also how long a nonce must be remembered. */
export const REPLAY_WINDOW_MS = 30_000;
/** Enough for bursts of thousands of requests per window; beyond it the oldest are evicted early. */
export const NONCE_CACHE_LIMIT = 100_000;
/** 64 random bits at least, so honest nonces never collide. */
const NONCE_PATTERN = /^[0-9a-f]{16,128}$/;
const SIGNATURE_PATTERN = /^v1=([0-9a-f]{64})$/;

export type SignInput = { secret: string; method: string; path: string; body: string; timestamp?: number; nonce?: string };
export type SignedHeaders = Record<typeof TIMESTAMP_HEADER | typeof NONCE_HEADER | typeof SIGNATURE_HEADER, string>;

function stringToSign(timestamp: string, nonce: string, method: string, path: string, body: string): string {
  return `${timestamp}\n${nonce}\n${method.toUpperCase()}\n${path}\n${body}`;
}

function hmac(secret: string, text: string): Buffer {
  return createHmac('sha256', secret).update(text, 'utf8').digest();
}

export function signRequest(input: SignInput): SignedHeaders {
  const timestamp = String(input.timestamp ?? Date.now());
  const nonce = input.nonce ?? randomBytes(16).toString('hex');
  const mac = hmac(input.secret, stringToSign(timestamp, nonce, input.method, input.path, input.body));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: `v1=${mac.toString('hex')}`,
  };
}

/** Remembers nonces for the replay window. Insertion order = expiry order, so pruning is from the front. */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 2 * REPLAY_WINDOW_MS,
    private readonly limit = NONCE_CACHE_LIMIT,
  ) {}

  /** false if the nonce was already used within its lifetime. */
  claim(nonce: string, now = Date.now()): boolean {
    this.prune(now);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now + this.ttlMs);
    while (this.seen.size > this.limit) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    for (const [nonce, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(nonce);
    }
  }
}

export type VerifyInput = {
  secret: string;
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  nonces: NonceCache;
  now?: number;
};
export type VerifyResult = { ok: true } | { ok: false; code: 'bad_signature' | 'stale_timestamp' | 'replay'; message: string };

function header(headers: VerifyInput['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
}

export function verifyRequest(input: VerifyInput): VerifyResult {
  const now = input.now ?? Date.now();
  const timestamp = header(input.headers, TIMESTAMP_HEADER);
  const nonce = header(input.headers, NONCE_HEADER);
  const signature = header(input.headers, SIGNATURE_HEADER);
  if (!timestamp || !nonce || !signature) {
    return { ok: false, code: 'bad_signature', message: `missing ${TIMESTAMP_HEADER}, ${NONCE_HEADER} or ${SIGNATURE_HEADER}` };
  }
  const given = SIGNATURE_PATTERN.exec(signature)?.[1];
  if (!/^\d{1,16}$/.test(timestamp) || !NONCE_PATTERN.test(nonce) || !given) {
    return { ok: false, code: 'bad_signature', message: 'malformed signature headers' };
  }
  const expected = hmac(input.secret, stringToSign(timestamp, nonce, input.method, input.path, input.body));
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
    return { ok: false, code: 'bad_signature', message: 'signature does not match' };
  }
  // Checked after the MAC so an unauthenticated caller learns nothing about our clock.
  if (Math.abs(now - Number(timestamp)) > REPLAY_WINDOW_MS) {
    return {
      ok: false,
      code: 'stale_timestamp',
      message: `timestamp is more than ${REPLAY_WINDOW_MS / 1000} s from the agent's clock`,
    };
  }
  if (!input.nonces.claim(nonce, now)) {
    return { ok: false, code: 'replay', message: 'nonce already used' };
  }
  return { ok: true };
}
