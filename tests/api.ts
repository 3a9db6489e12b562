// Calling JSON API route handlers in integration tests: the request's headers
// become the "current request" (tests/request-scope.ts), so a Bearer token
// signs the caller in as it would through Next.
import { NextRequest } from 'next/server';
import { setRequestHeaders } from './request-scope';

export type RouteHandler = (request: NextRequest) => Promise<Response>;

export interface Call {
  method?: string;
  token?: string;
  /** A value is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function callRoute(handler: RouteHandler, path: string, call: Call = {}) {
  const headers: Record<string, string> = { 'x-request-id': 'api-test', ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  setRequestHeaders(headers);
  const request = new NextRequest(new URL(path, 'http://localhost:3000'), { method: call.method ?? 'GET', headers, body });
  const response = await handler(request);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}
