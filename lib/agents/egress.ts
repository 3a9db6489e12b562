// The one way the app opens a connection to an agent: node:http(s) with a DNS
// lookup that refuses forbidden addresses (./address.ts) and hands the socket
// exactly the address it vetted, so a name cannot resolve to one address for
// the check and another for the connection (DNS rebinding). Redirects are
// never followed: node:http does not follow them, and the client treats a 3xx
// as an error. Answers as a web Response so the client reads streams as before.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { addressProblem, classifyAddress, classifyHost, type EgressPolicy } from './address';

/** The code an address refusal carries, so the client can say it in words. */
export const FORBIDDEN_ADDRESS = 'EAGENTADDRESS';

export class ForbiddenAddressError extends Error {
  readonly code = FORBIDDEN_ADDRESS;
  constructor(readonly reason: string) {
    super(`agent address refused: ${reason}`);
  }
}

/** Exported for tests: the post-DNS check, which literal-address tests never reach. */
export function vettingLookup(policy: EgressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      // Any forbidden answer refuses the name: round-robin would reach it sooner or later.
      for (const { address } of addresses) {
        const problem = addressProblem(classifyAddress(address) ?? 'forbidden', policy);
        if (problem) return callback(new ForbiddenAddressError(problem), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

// Kept-alive sockets are pooled per policy, so a socket vetted under one policy
// never serves a request made under a stricter one.
const agents = new Map<string, http.Agent>();
function agentFor(protocol: 'http:' | 'https:', policy: EgressPolicy): http.Agent {
  const key = `${protocol}${policy.allowLoopback}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, lookup: vettingLookup(policy) };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

export type AgentRequestInit = { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal };

/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** Like fetch(url, init) for an agent, under the address policy; rejects with errno-coded errors. */
export function agentRequest(url: URL, init: AgentRequestInit, policy: EgressPolicy): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return reject(new ForbiddenAddressError('only http and https agent URLs are called'));
    // Literal addresses skip the lookup, so they are vetted here.
    const problem = addressProblem(classifyHost(url.hostname), policy);
    if (problem) return reject(new ForbiddenAddressError(problem));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: url.pathname + url.search,
        method: init.method,
        headers:
          init.body === undefined ? init.headers : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        agent: agentFor(url.protocol, policy),
        signal: init.signal,
      },
      (res) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) {
          res.destroy();
          return reject(Object.assign(new Error(`unexpected HTTP status ${status}`), { code: 'UND_ERR_SOCKET' }));
        }
        if (NULL_BODY.has(status)) {
          res.resume();
          return resolve(new Response(null, { status, headers }));
        }
        resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
