// The signature of a generic delivery: HMAC-SHA256 over "<timestamp>.<body>"
// with the webhook's secret, sent as `X-PMKB-Signature: sha256=<hex>` beside
// `X-PMKB-Timestamp: <unix seconds>`. Signing the timestamp with the body lets
// a receiver refuse a replayed delivery: the signature holds only for the time
// it was sent with, and a receiver refuses times older than SIGNATURE_TOLERANCE_S.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-pmkb-signature';
export const TIMESTAMP_HEADER = 'x-pmkb-timestamp';
/** How old a delivery's timestamp a receiver should still accept (and the window of a replay). */
export const SIGNATURE_TOLERANCE_S = 300;
/** 32 random bytes: as strong as the HMAC's key can use. */
const SECRET_BYTES = 32;

export const newWebhookSecret = () => `whsec_${randomBytes(SECRET_BYTES).toString('base64url')}`;

export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (the tests and the README's example): the signature matches and the time is recent. */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  timestamp: string | null | undefined,
  body: string,
  nowS = Math.floor(Date.now() / 1000),
): boolean {
  const ts = Number(timestamp);
  if (!header || !Number.isInteger(ts) || Math.abs(nowS - ts) > SIGNATURE_TOLERANCE_S) return false;
  const expected = Buffer.from(signature(secret, ts, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
