// The client address used for sign-in throttling: the TCP peer the server
// itself saw, and X-Forwarded-For only through proxies named in TRUSTED_PROXIES.
//
// Next.js does not give route handlers the socket. What it does (Next 16,
// next/dist/server/base-server.js, handleRequestImpl) is
//   req.headers['x-forwarded-for'] ??= req.socket.remoteAddress
// on every pass through its request handler, and the proxy (middleware) is one
// such pass, made before the route's. A client-sent X-Forwarded-For therefore
// reaches the route untouched: a header alone cannot be believed. So the proxy
// moves whatever X-Forwarded-For arrived into FORWARDED_FOR_HANDOFF and deletes
// X-Forwarded-For (Next applies a proxy's request-header overrides by deleting
// every header the proxy dropped); the route's pass then sets X-Forwarded-For
// again, this time from the socket. In the route handler:
//   x-forwarded-for         = the TCP peer (set by Next, cannot come from the client)
//   FORWARDED_FOR_HANDOFF   = the chain the client or its proxies claimed
// next-contract.test.ts fails if a Next upgrade changes either behaviour.
import { BlockList, isIP } from 'node:net';

export const FORWARDED_FOR_HANDOFF = 'x-pmkb-forwarded-for';
/** Set by the auth route handler from the resolved address; Better Auth keys its rate limits on it. */
export const CLIENT_ADDRESS_HEADER = 'x-pmkb-client-address';
/** Handoff value when the request carried no X-Forwarded-For at all. */
const NONE = 'none';
/** A longer claimed chain is not a real proxy path; the extra hops are ignored (all are untrusted anyway). */
const MAX_HOPS = 20;

/** For the proxy: hand the claimed chain over and let Next set X-Forwarded-For from the socket. */
export function handOffForwardedFor(headers: Headers): void {
  headers.set(FORWARDED_FOR_HANDOFF, headers.get('x-forwarded-for')?.slice(0, 1000) || NONE);
  headers.delete('x-forwarded-for');
}

/** "::ffff:127.0.0.2" (an IPv4 client on a dual-stack socket) is 127.0.0.2. */
export function normalizeAddress(value: string): string | null {
  let a = value.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a.toLowerCase() : null;
}

export interface TrustedProxies {
  list: BlockList;
  entries: string[];
}

/** TRUSTED_PROXIES: comma-separated addresses or CIDR ranges. A malformed entry is an error, never silently ignored. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [addr, prefix, ...rest] = entry.split('/');
    const address = addr ? normalizeAddress(addr) : null;
    const family = address ? (isIP(address) === 6 ? 'ipv6' : 'ipv4') : null;
    const bits = prefix === undefined ? null : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (
      !address ||
      !family ||
      rest.length > 0 ||
      Number.isNaN(bits) ||
      (bits !== null && bits > (family === 'ipv6' ? 128 : 32))
    ) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    }
    if (bits === null) list.addAddress(address, family);
    else list.addSubnet(address, bits, family);
  }
  return { list, entries };
}

let cachedProxies: { raw: string | undefined; parsed: TrustedProxies } | undefined;
/** TRUSTED_PROXIES from the environment, parsed once per value. */
export function trustedProxies(): TrustedProxies {
  const raw = process.env.TRUSTED_PROXIES;
  if (!cachedProxies || cachedProxies.raw !== raw) cachedProxies = { raw, parsed: parseTrustedProxies(raw) };
  return cachedProxies.parsed;
}

function isTrusted(trusted: TrustedProxies, address: string): boolean {
  return trusted.entries.length > 0 && trusted.list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The address to throttle on, or null when the request did not come through
 * the proxy's handoff (then nothing about its origin can be believed).
 * Walks [claimed chain..., peer] from the right, skipping trusted proxies; the
 * first untrusted hop is the client. A malformed hop stops the walk at the
 * trusted proxy that reported it.
 */
export function resolveClientAddress(headers: Headers, trusted: TrustedProxies): string | null {
  const handoff = headers.get(FORWARDED_FOR_HANDOFF);
  const rawPeer = headers.get('x-forwarded-for');
  if (handoff === null || rawPeer === null || rawPeer.includes(',')) return null;
  const peer = normalizeAddress(rawPeer);
  if (!peer) return null;
  if (!isTrusted(trusted, peer)) return peer;
  const claimed = handoff === NONE ? [] : handoff.split(',').slice(-MAX_HOPS);
  let client = peer;
  for (let i = claimed.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(claimed[i]!);
    if (!hop) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}
