// Who may read /api/metrics. Metrics reveal traffic, routes and database
// health, so they are not public:
//   - METRICS_TOKEN set: a caller sending `Authorization: Bearer <token>` may read;
//   - METRICS_ALLOW set (addresses and CIDR ranges, comma-separated): a caller
//     whose socket address is in the list may read;
//   - either one admits a caller when both are set;
//   - neither set: only loopback (127.0.0.0/8, ::1) may read.
// The address is the TCP peer (./request-context.ts), never X-Forwarded-For,
// which any client can write. Prometheus scrapes each instance directly, so
// its own address is the peer.
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** Below this a bearer token is guessable; a shorter METRICS_TOKEN is refused as a setting. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

export interface MetricsAccessSettings {
  token: string | null;
  allow: BlockList | null;
}

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; error: string };

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** ::ffff:10.1.2.3 (an IPv4 client on a dual-stack socket) is 10.1.2.3. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function family(address: string): 'ipv4' | 'ipv6' | null {
  const v = isIP(address);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}

const allowEntry = z.string().refine((entry) => {
  const [address, prefix, extra] = entry.split('/');
  const fam = family(address ?? '');
  if (!fam || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const max = fam === 'ipv4' ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max;
}, 'must be an IP address or a CIDR range such as 10.0.0.0/8');

/** Parses METRICS_TOKEN and METRICS_ALLOW; throws a sentence naming the bad setting. */
export function parseMetricsSettings(env: Record<string, string | undefined> = process.env): MetricsAccessSettings {
  const token = env.METRICS_TOKEN?.trim() || null;
  if (token && token.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new Error(`METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters.`);
  }
  const entries = (env.METRICS_ALLOW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let allow: BlockList | null = null;
  if (entries.length) {
    allow = new BlockList();
    for (const entry of entries) {
      const parsed = allowEntry.safeParse(entry);
      if (!parsed.success) throw new Error(`METRICS_ALLOW: "${entry}" ${parsed.error.issues[0]!.message}.`);
      const [address, prefix] = entry.split('/') as [string, string | undefined];
      const fam = family(address)!;
      if (prefix === undefined) allow.addAddress(address, fam);
      else allow.addSubnet(address, Number(prefix), fam);
    }
  }
  return { token, allow };
}

function addressIn(list: BlockList, peer: string | undefined): boolean {
  if (!peer) return false;
  const address = normalizeAddress(peer);
  const fam = family(address);
  return fam !== null && list.check(address, fam);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function tokenMatches(authorization: string | null, token: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  // Compared as fixed-length digests so timing says nothing about the token.
  return sent !== undefined && timingSafeEqual(digest(sent), digest(token));
}

export function metricsAccess(
  request: { authorization: string | null; peer: string | undefined },
  settings: MetricsAccessSettings,
): MetricsAccess {
  if (settings.token && tokenMatches(request.authorization, settings.token)) return { ok: true };
  if (settings.allow && addressIn(settings.allow, request.peer)) return { ok: true };
  if (!settings.token && !settings.allow && addressIn(LOOPBACK, request.peer)) return { ok: true };
  if (settings.token) return { ok: false, status: 401, error: 'Send the metrics token as Authorization: Bearer <token>.' };
  return { ok: false, status: 403, error: 'Metrics are not readable from this address.' };
}
