// Request timing by route: Next's own tracer (the module its server uses)
// runs a request span the way BaseServer.handleRequest does, inside a real
// HTTP server with the request hooks installed; the histogram gets the route
// pattern, and the peer address is the socket's, whatever headers say.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTracer } from 'next/dist/server/lib/trace/tracer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metrics } from './registry';
import { installRequestHooks, peerAddress } from './request-context';
import { installRouteTiming } from './route-timing';

let server: http.Server;
let base = '';
const peers: (string | undefined)[] = [];

beforeAll(async () => {
  installRequestHooks();
  expect(installRouteTiming()).toBe(true);
  server = http.createServer((req, res) => {
    const tracer = getTracer();
    // What base-server.js does: a request span, the matched route set as a
    // root-span attribute deep inside, copied onto the span when it ends.
    void tracer.trace(
      'BaseServer.handleRequest',
      { spanName: req.method!, attributes: { 'http.method': req.method!, 'http.target': req.url! } },
      async (span) => {
        await new Promise((r) => setTimeout(r, 5));
        peers.push(peerAddress());
        if (req.url!.startsWith('/incidents/')) tracer.setRootSpanAttribute('next.route', '/incidents/[slug]');
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end('ok');
        const route = tracer.getRootSpanAttributes()?.get('next.route');
        if (route) span.setAttributes({ 'next.route': route, 'http.route': route });
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const count = async (labels: Record<string, string>) => {
  const m = await metrics().httpDuration.get();
  return (
    m.values.find(
      (v) =>
        v.metricName === 'pmkb_http_request_duration_seconds_count' &&
        Object.entries(labels).every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val),
    )?.value ?? 0
  );
};

describe('request timing by route', () => {
  it('labels a request with the route pattern Next matched, not the URL', async () => {
    for (const slug of ['gs14-host-network-loss-2020-10', 'another-incident']) {
      await (await fetch(`${base}/incidents/${slug}`)).text();
    }
    await (await fetch(`${base}/missing`)).text();
    // The observation happens once both the response and the span have ended.
    await new Promise((r) => setTimeout(r, 20));
    expect(await count({ route: '/incidents/[slug]', method: 'GET', status: '200' })).toBe(2);
    expect(await count({ route: 'other', status: '404' })).toBe(1);
  });

  it('knows the socket peer even when the client claims another address', async () => {
    peers.length = 0;
    await (await fetch(`${base}/incidents/x`, { headers: { 'x-forwarded-for': '10.9.9.9' } })).text();
    expect(peers).toEqual(['127.0.0.1']);
  });
});
