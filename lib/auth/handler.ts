// The HTTP face of Better Auth: only the endpoints the app uses are reachable
// (everything else, e.g. update-user, change-email, delete-user, sign-up, is a
// 404 before Better Auth sees it), and every request carries the client address
// resolved by client-address.ts, the only address Better Auth's limits key on.
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, trustedProxies } from './client-address';
import type { Auth } from './create-auth';

/** method + path (below /api/auth) the app itself calls; the rest of Better Auth stays off. */
const REACHABLE: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'POST', path: /^\/sign-in\/email$/ },
  { method: 'POST', path: /^\/sign-in\/oauth2$/ },
  { method: 'GET', path: /^\/oauth2\/callback\/[\w-]+$/ },
  { method: 'POST', path: /^\/oauth2\/callback\/[\w-]+$/ },
  { method: 'POST', path: /^\/sign-out$/ },
  { method: 'GET', path: /^\/get-session$/ },
  { method: 'POST', path: /^\/change-password$/ },
  { method: 'GET', path: /^\/ok$/ },
  { method: 'GET', path: /^\/error$/ },
];
const BASE_PATH = '/api/auth';
/** Auth bodies are a few hundred bytes of JSON; anything far larger is not a sign-in. */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

const json = (status: number, message: string) => Response.json({ message }, { status });

async function boundedBody(request: Request): Promise<ArrayBuffer | null> {
  if (!request.body) return new ArrayBuffer(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > AUTH_BODY_LIMIT_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

export async function handleAuthRequest(auth: Auth, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length) : url.pathname;
  if (!REACHABLE.some((r) => r.method === request.method && r.path.test(path))) return json(404, 'Not found.');
  const address = resolveClientAddress(request.headers, trustedProxies());
  if (!address) {
    // Only a deployment that bypasses proxy.ts gets here; one shared bucket for
    // every such client would let anyone lock everyone out, so refuse instead.
    console.error('auth: no client address (request did not pass through proxy.ts); see TRUSTED_PROXIES in the README');
    return json(503, 'Sign-in is unavailable: the server cannot tell where this request came from.');
  }
  const headers = new Headers(request.headers);
  headers.set(CLIENT_ADDRESS_HEADER, address);
  let body: ArrayBuffer | undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const read = await boundedBody(request);
    if (!read) return json(413, `The request body is over ${AUTH_BODY_LIMIT_BYTES / 1024} KB.`);
    body = read;
  }
  return auth.handler(new Request(request.url, { method: request.method, headers, body, signal: request.signal }));
}
