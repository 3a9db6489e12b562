// GET /api/metrics through a real HTTP server with the request hooks on: the
// Prometheus text parses and carries the expected metrics, and the access rule
// uses the socket address (a forged X-Forwarded-For gets nothing).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { observeCheckRun } from './registry';
import { installRequestHooks } from './request-context';

const url = inject('databaseUrl');
process.env.DATABASE_URL = url;
vi.mock('next/server', async (original) => (await import('@/tests/mocks/next-server')).withoutConnection(original));

const { GET } = await import('@/app/api/metrics/route');
const TOKEN = 'metrics-test-token-0123456789';

let server: http.Server;
let port = 0;

beforeAll(async () => {
  await applyMigrations(url);
  installRequestHooks();
  server = http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await GET(new Request(`http://127.0.0.1${req.url}`, { headers }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  delete process.env.METRICS_TOKEN;
  delete process.env.METRICS_ALLOW;
});

/** GET /api/metrics from a chosen loopback address (the whole 127/8 is local). */
function scrape(
  opts: { from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/api/metrics', localAddress: opts.from ?? '127.0.0.1', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
      },
    );
    req.on('error', reject);
  });
}

/** Prometheus text exposition: comments, or `name{labels} value`. */
function parse(text: string) {
  const samples: { name: string; labels: string; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    // Values as Prometheus parses them (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan").
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|nan|[+-]inf)$/i.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    samples.push({ name: m[1]!, labels: m[2] ?? '', value: Number(m[3]) });
  }
  return samples;
}

describe('GET /api/metrics', () => {
  it('answers loopback with Prometheus text carrying request, check-run and pool metrics', async () => {
    observeCheckRun('passed', 120);
    await scrape(); // one finished request to time
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    const samples = parse(res.body);
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'pmkb_http_request_duration_seconds_bucket',
      'pmkb_http_request_duration_seconds_count',
      'pmkb_check_run_duration_seconds_bucket',
      'pmkb_check_runs_in_flight',
      'pmkb_db_check_runs',
      'pmkb_db_pool_connections',
      'pmkb_db_pool_waiting',
      'process_cpu_seconds_total',
    ]) {
      expect(names, name).toContain(name);
    }
    const statuses = samples.filter((s) => s.name === 'pmkb_db_check_runs').map((s) => s.labels);
    expect(statuses).toContain('{status="queued"}');
    expect(statuses).toContain('{status="running"}');
    expect(
      samples.find((s) => s.name === 'pmkb_check_run_duration_seconds_count' && s.labels.includes('passed'))?.value,
    ).toBeGreaterThanOrEqual(1);
  });

  it('with METRICS_ALLOW, refuses other addresses even when they claim an allowed one', async () => {
    process.env.METRICS_ALLOW = '127.0.0.2';
    expect((await scrape({ from: '127.0.0.2' })).status).toBe(200);
    expect(
      (await scrape({ from: '127.0.0.3', headers: { 'x-forwarded-for': '127.0.0.2', 'x-real-ip': '127.0.0.2' } })).status,
    ).toBe(403);
  });

  it('an allow-listed address in X-Forwarded-For does not admit a peer outside the list', async () => {
    process.env.METRICS_ALLOW = '10.0.0.0/8';
    expect((await scrape({ headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(403);
  });

  it('with METRICS_TOKEN, wants the bearer token (401 with WWW-Authenticate otherwise)', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const denied = await scrape();
    expect(denied.status).toBe(401);
    expect((await scrape({ headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await scrape({ from: '127.0.0.4', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('refuses everyone when a setting is malformed, rather than opening up', async () => {
    process.env.METRICS_ALLOW = 'everyone';
    expect((await scrape()).status).toBe(403);
  });
});
