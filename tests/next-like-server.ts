// A real HTTP server that hands requests to a route handler the way `next start`
// does, so tests see real TCP peers (127.0.0.2, 127.0.0.3, ... are all loopback).
// Next's steps that matter for the client address, reproduced in order:
//   1. base-server handleRequestImpl: x-forwarded-for ??= socket.remoteAddress
//   2. the app's proxy (proxy.ts) runs; its request-header overrides replace the
//      request's headers (resolve-routes: headers it dropped are deleted)
//   3. base-server handleRequestImpl again for the route: x-forwarded-for ??= socket.remoteAddress
// lib/auth/next-contract.test.ts checks that Next's own source still does 1-3.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function startNextLikeServer(route: (request: Request) => Promise<Response>): Promise<RunningServer> {
  const server = http.createServer(async (req, res) => {
    try {
      const peer = req.socket.remoteAddress;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      if (!headers.has('x-forwarded-for') && peer) headers.set('x-forwarded-for', peer); // step 1
      const url = `http://${req.headers.host}${req.url}`;
      const middleware = proxy(new NextRequest(url, { method: req.method, headers }));
      const override = middleware.headers.get('x-middleware-override-headers');
      if (!middleware.headers.has('x-middleware-next')) {
        res.writeHead(middleware.status, Object.fromEntries(middleware.headers));
        res.end(Buffer.from(await middleware.arrayBuffer()));
        return;
      }
      const routeHeaders = new Headers();
      if (override) {
        for (const key of override.split(',')) {
          const value = middleware.headers.get(`x-middleware-request-${key.trim()}`);
          if (value !== null) routeHeaders.set(key.trim(), value); // step 2
        }
      }
      if (!routeHeaders.has('x-forwarded-for') && peer) routeHeaders.set('x-forwarded-for', peer); // step 3
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const response = await route(new Request(url, { method: req.method, headers: routeHeaders, body }));
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => (out[k] = k === 'set-cookie' ? response.headers.getSetCookie() : v));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Reply {
  status: number;
  body: string;
  cookies: string[];
  ms: number;
}

/** One request from a chosen loopback source address. */
export function send(
  port: number,
  from: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; json?: unknown } = {},
): Promise<Reply> {
  const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: from,
        headers: { origin: `http://127.0.0.1:${port}`, ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'] ?? [];
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            cookies: setCookie.map((c) => c.split(';')[0]!),
            ms: Date.now() - started,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
