// The anonymous page cache against a real Node HTTP server whose handler plays
// Next: it puts a fresh nonce in the CSP header and in the page, as proxy.ts
// and Next do, and counts how often it renders.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/lib/embedded-postgres';
import { anonymousPageKey, installAnonymousPageCache, keepable, PAGE_TTL_MS, replay } from './anonymous-pages';
import { invalidateLocal, processStore } from './process';
import { cacheListening, stopCacheListener } from './tagged';

// Pages are kept only while this process listens for other processes' writes:
// an in-memory embedded database gives the listener a real LISTEN connection.
let database: EmbeddedPostgres;

let renders = 0;
let base = '';
let server: http.Server;
let nextStatus = 200;
let setCookie = false;

beforeAll(async () => {
  database = await startEmbeddedPostgres({ dataDir: 'memory://' });
  process.env.DATABASE_URL = database.url;
  await cacheListening();
  installAnonymousPageCache();
  server = http.createServer((req, res) => {
    renders++;
    const nonce = `n${renders}AAAA+/==`;
    res.setHeader('content-security-policy', `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    res.setHeader('link', `</a.css>; rel=preload; as="style"; nonce="${nonce}"`);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('x-request-id', `r${renders}`);
    if (setCookie) res.setHeader('set-cookie', 'x=1');
    res.statusCode = nextStatus;
    res.write(`<html><script nonce="${nonce}">1</script>`);
    res.end(
      `<p>render ${renders} for ${req.headers.cookie ? 'a signed-in viewer' : 'anyone'}, gzip ${req.headers['accept-encoding'] ?? 'none'}</p><script nonce="${nonce}">2</script></html>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await stopCacheListener();
  await database.stop();
});

beforeEach(() => {
  processStore().clear();
  nextStatus = 200;
  setCookie = false;
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
  return { status: res.status, body, nonce, link: res.headers.get('link'), requestId: res.headers.get('x-request-id') };
}

describe('anonymous page cache', () => {
  it('renders an anonymous incident page once, and gives each later view a fresh nonce everywhere', async () => {
    const before = renders;
    const first = await get('/incidents/gs14-host-network-loss-2020-10');
    const second = await get('/incidents/gs14-host-network-loss-2020-10');
    expect(renders - before).toBe(1);
    expect(second.body.replaceAll(second.nonce!, 'N')).toBe(first.body.replaceAll(first.nonce!, 'N'));
    expect(second.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.nonce).not.toBe(first.nonce);
    // The old nonce is nowhere: not in the page, not in the Link header.
    expect(second.body).not.toContain(first.nonce);
    expect(second.body.split(`nonce="${second.nonce}"`)).toHaveLength(3);
    expect(second.link).toContain(`nonce="${second.nonce}"`);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('never serves a signed-in viewer (any cookie or token) from it, nor keeps their page', async () => {
    await get('/incidents/x');
    const before = renders;
    const withCookie = await get('/incidents/x', { cookie: 'pmkb.session_token=abc' });
    const withToken = await get('/incidents/x', { authorization: 'Bearer t' });
    expect(renders - before).toBe(2);
    expect(withCookie.body).toContain('a signed-in viewer');
    expect(withToken.body).not.toBe(withCookie.body);
    // ...and the anonymous view after them is still the anonymous page.
    expect((await get('/incidents/x')).body).toContain('for anyone');
  });

  it('keeps no error, redirect or cookie-setting response', async () => {
    nextStatus = 404;
    await get('/incidents/missing');
    await get('/incidents/missing');
    nextStatus = 200;
    setCookie = true;
    await get('/runbooks');
    const before = renders;
    await get('/runbooks');
    await get('/incidents/missing');
    expect(renders - before).toBe(2);
  });

  it('drops kept pages on an incident, runbook or check write', async () => {
    await get('/runbooks/r1');
    const before = renders;
    invalidateLocal(['checks']);
    await get('/runbooks/r1');
    expect(renders - before).toBe(1);
  });

  it('asks for no compression when it keeps a page, so the nonce can be replaced', async () => {
    expect((await get('/incidents', { 'accept-encoding': 'gzip' })).body).toContain('gzip none');
  });

  it('lives no longer than PAGE_TTL_MS, which bounds how stale check runs can be', () => {
    expect(PAGE_TTL_MS).toBeLessThanOrEqual(5_000);
  });
});

describe('anonymousPageKey', () => {
  const req = (url: string, headers: http.IncomingHttpHeaders = {}, method = 'GET') => ({
    url,
    method,
    headers: { host: 'kb', ...headers },
  });
  it('keys reading pages by host and URL', () => {
    for (const url of [
      '/',
      '/incidents',
      '/incidents?service=dns',
      '/incidents/gs14-x',
      '/runbooks',
      '/runbooks/kube2ipvs-troubleshooting',
    ]) {
      expect(anonymousPageKey(req(url))).toBe(`page:kb|${url}`);
    }
  });
  it('leaves out author pages, APIs, other methods, client navigations and long URLs', () => {
    for (const url of [
      '/incidents/new',
      '/incidents/import',
      '/incidents/a/edit',
      '/api/search?q=x',
      '/admin',
      '/incidents/%FF',
      `/incidents?q=${'x'.repeat(600)}`,
      '/incidents?_rsc=1',
    ]) {
      expect(anonymousPageKey(req(url)), url).toBeNull();
    }
    expect(anonymousPageKey(req('/incidents', {}, 'HEAD'))).toBeNull();
    expect(anonymousPageKey(req('/incidents', {}, 'POST'))).toBeNull();
    for (const h of [
      'rsc',
      'next-router-state-tree',
      'next-router-prefetch',
      'next-action',
      'x-middleware-subrequest',
      'cookie',
      'authorization',
    ]) {
      expect(anonymousPageKey(req('/incidents', { [h]: '1' })), h).toBeNull();
    }
  });
  it('is off with PMKB_PAGE_CACHE=off', () => {
    expect(anonymousPageKey(req('/incidents'), { PMKB_PAGE_CACHE: 'off' })).toBeNull();
    expect(anonymousPageKey(req('/incidents'), { NODE_ENV: 'development' })).toBeNull();
  });
});

describe('keepable and replay', () => {
  const headers = {
    'content-type': 'text/html',
    'content-security-policy': "script-src 'nonce-abc=='",
    date: 'x',
    'x-request-id': 'r',
  };
  it('needs the nonce in the page', () => {
    expect(keepable(200, headers, '<p>no scripts</p>')).toBeNull();
    expect(keepable(200, { ...headers, 'content-security-policy': "script-src 'self'" }, '<p>abc==</p>')).toBeNull();
  });
  it('drops per-response headers and replaces every nonce', () => {
    const kept = keepable(200, headers, '<script nonce="abc=="></script><script nonce="abc=="></script>')!;
    const out = replay(kept, 'NEW');
    expect(out.body.toString()).toBe('<script nonce="NEW"></script><script nonce="NEW"></script>');
    expect(Object.fromEntries(out.headers)).toEqual({
      'content-type': 'text/html',
      'content-security-policy': "script-src 'nonce-NEW'",
    });
  });
});
