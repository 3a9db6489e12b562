// The logger bound to the current request's id (set by proxy.ts as
// x-request-id and also stored on audit events), so a log line and an audit
// row of the same request can be matched.
import 'server-only';
import { headers } from 'next/headers';
import type { Logger } from 'pino';
import { log } from './log';

export async function requestLog(): Promise<Logger> {
  try {
    const requestId = (await headers()).get('x-request-id');
    return requestId ? log.child({ requestId }) : log;
  } catch {
    // Outside a request (startup, background work): the plain logger.
    return log;
  }
}
