// Which network addresses the app may call an agent at. An agent URL is typed
// by an admin, but a wrong or hostile one would turn the app into a proxy onto
// the cloud's metadata service (instance credentials) or link-local devices.
// Checked twice: on the URL when a host is registered (lib/hosts/schema.ts), and
// on every resolved address when the app connects (./egress.ts), so a name that
// later resolves elsewhere (DNS rebinding) is refused too.
// Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) stay allowed: agents
// live on internal networks. Loopback only when the setting allows it.
import { isIP } from 'node:net';

export type AddressVerdict = 'allowed' | 'loopback' | 'forbidden';

/** Names of cloud metadata services; the resolved-address check covers the rest. */
const METADATA_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

type Cidr4 = [base: number, bits: number];
const v4 = (dotted: string): number => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** IPv4 ranges never called: "this network", link-local (metadata), Alibaba's metadata, multicast and reserved. */
const FORBIDDEN_V4: Cidr4[] = [
  [v4('0.0.0.0'), 8], // 0.0.0.0 reaches the local machine on Linux
  [v4('169.254.0.0'), 16], // link-local: AWS, GCP, Azure, OpenStack metadata at 169.254.169.254
  [v4('100.100.100.200'), 32], // Alibaba Cloud metadata
  [v4('224.0.0.0'), 4], // multicast
  [v4('240.0.0.0'), 4], // reserved, and 255.255.255.255
];
const LOOPBACK_V4: Cidr4 = [v4('127.0.0.0'), 8];

function inV4([base, bits]: Cidr4, n: number): boolean {
  const size = 2 ** (32 - bits);
  return n >= base && n < base + size;
}

function parseV4(text: string): number | null {
  if (isIP(text) !== 4) return null;
  return v4(text);
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail allowed). */
function hextets(text: string): number[] | null {
  if (isIP(text) !== 6) return null;
  let s = text.toLowerCase().replace(/%.*$/, ''); // zone id (fe80::1%eth0)
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4(dotted[1]!);
    s = s.slice(0, -dotted[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const part = (p: string | undefined) => (p ? p.split(':').map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

function classifyV4(n: number): AddressVerdict {
  if (inV4(LOOPBACK_V4, n)) return 'loopback';
  return FORBIDDEN_V4.some((c) => inV4(c, n)) ? 'forbidden' : 'allowed';
}

function classifyV6(h: number[]): AddressVerdict {
  const zeros = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  const embedded = (h[6]! * 65536 + h[7]!) >>> 0;
  if (zeros(0, 7) && h[7] === 1) return 'loopback'; // ::1
  if (zeros(0, 8)) return 'forbidden'; // :: (unspecified)
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64
  // (64:ff9b::a.b.c.d) carry an IPv4 address that decides.
  if (zeros(0, 5) && h[5] === 0xffff) return classifyV4(embedded);
  if (zeros(0, 6)) return classifyV4(embedded);
  if (h[0] === 0x64 && h[1] === 0xff9b && zeros(2, 6)) return classifyV4(embedded);
  if ((h[0]! & 0xffc0) === 0xfe80) return 'forbidden'; // fe80::/10 link-local
  if ((h[0]! & 0xff00) === 0xff00) return 'forbidden'; // multicast
  // fd00:ec2::254, AWS's IPv6 metadata endpoint.
  if (h[0] === 0xfd00 && h[1] === 0x0ec2 && zeros(2, 7) && h[7] === 0x254) return 'forbidden';
  return 'allowed';
}

/** An IP address (either family, any form Node accepts); null when it is not one. */
export function classifyAddress(address: string): AddressVerdict | null {
  const n = parseV4(address);
  if (n !== null) return classifyV4(n);
  const h = hextets(address);
  return h ? classifyV6(h) : null;
}

/** A URL host as WHATWG URL gives it: IPv6 in brackets; IPv4 already in dotted form. */
export function classifyHost(hostname: string): AddressVerdict {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const ip = classifyAddress(host);
  if (ip) return ip;
  if (METADATA_NAMES.has(host)) return 'forbidden';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  return 'allowed'; // a name: its addresses are checked when the app connects
}

export type EgressPolicy = { allowLoopback: boolean };

/** Why an address may not be called, or null when it may. */
export function addressProblem(verdict: AddressVerdict, policy: EgressPolicy): string | null {
  if (verdict === 'forbidden') return 'link-local, metadata and reserved addresses are refused';
  if (verdict === 'loopback' && !policy.allowLoopback) return 'loopback addresses are refused unless AGENT_ALLOW_LOOPBACK=true';
  return null;
}

/** AGENT_ALLOW_LOOPBACK=true: the embedded demo's local agent and the tests. Off in production. */
export function loopbackAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.AGENT_ALLOW_LOOPBACK === 'true';
}

export function defaultEgressPolicy(): EgressPolicy {
  return { allowLoopback: loopbackAllowed() };
}
