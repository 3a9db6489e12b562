import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/session';
import { decodeCursor, encodeCursor } from './cursor';
import type { ApiError } from './errors';
import { matchesIfNoneMatch, versionFromIfMatch } from './etag';
import { crossSiteCookieWrite, pathParams } from './request';

const viewer = (via: Viewer['via']): Viewer => ({
  id: 'u',
  email: 'a@example.com',
  name: 'A',
  role: 'author',
  via,
  mustChangePassword: false,
});
const request = (method: string, headers: Record<string, string> = {}) =>
  new NextRequest('http://localhost:3000/api/v1/incidents', { method, headers: { host: 'localhost:3000', ...headers } });

describe('crossSiteCookieWrite', () => {
  it('refuses a cookie write without an Origin of this site', () => {
    expect(crossSiteCookieWrite(request('POST'), viewer('session'))).toBe(true);
    expect(crossSiteCookieWrite(request('PUT', { origin: 'https://evil.example' }), viewer('session'))).toBe(true);
    expect(crossSiteCookieWrite(request('DELETE', { origin: 'null' }), viewer('session'))).toBe(true);
  });

  it('lets through same-origin cookie writes, token writes and reads', () => {
    expect(crossSiteCookieWrite(request('POST', { origin: 'http://localhost:3000' }), viewer('session'))).toBe(false);
    expect(crossSiteCookieWrite(request('POST'), viewer('token'))).toBe(false);
    expect(crossSiteCookieWrite(request('GET', { origin: 'https://evil.example' }), viewer('session'))).toBe(false);
    expect(crossSiteCookieWrite(request('POST'), null)).toBe(false);
  });
});

describe('pathParams', () => {
  it('reads and decodes the template parameters', () => {
    expect(pathParams('/api/v1/incidents/{slug}', '/api/v1/incidents/gw-failed')).toEqual({ slug: 'gw-failed' });
    expect(pathParams('/api/v1/incidents/{slug}', '/api/v1/incidents/a%20b')).toEqual({ slug: 'a b' });
    expect(pathParams('/api/v1/hosts/{id}', '/api/v1/hosts/abc/')).toEqual({ id: 'abc' });
  });

  it('answers null for another path or broken encoding', () => {
    expect(pathParams('/api/v1/incidents/{slug}', '/api/v1/runbooks/x')).toBeNull();
    expect(pathParams('/api/v1/incidents/{slug}', '/api/v1/incidents/%FF')).toBeNull();
  });
});

describe('cursor', () => {
  it('round-trips and refuses what it did not make', () => {
    const at = { startedAt: new Date('2024-03-01T10:00:00Z'), id: 'abc123' };
    expect(decodeCursor(encodeCursor(at))).toEqual(at);
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"yesterday","i":"x"}').toString('base64url'))).toBeNull();
  });
});

describe('If-Match and If-None-Match', () => {
  const status = (header: string | null) => {
    try {
      return versionFromIfMatch(header);
    } catch (err) {
      return (err as ApiError).status;
    }
  };

  it('reads one version, strong, weak or bare', () => {
    expect(status('"3"')).toBe(3);
    expect(status('W/"3"')).toBe(3);
    expect(status('3')).toBe(3);
  });

  it('answers 428 when missing and 400 for * or a list', () => {
    expect(status(null)).toBe(428);
    expect(status('  ')).toBe(428);
    expect(status('*')).toBe(400);
    expect(status('"1", "2"')).toBe(400);
  });

  it('matches If-None-Match lists', () => {
    expect(matchesIfNoneMatch('"1", "2"', 2)).toBe(true);
    expect(matchesIfNoneMatch('"1"', 2)).toBe(false);
    expect(matchesIfNoneMatch(null, 2)).toBe(false);
  });
});
