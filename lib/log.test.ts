import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logLevel, REDACTED } from './log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream, 'info'), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('server log', () => {
  it('writes one JSON object per line with level, time, message and bound fields', () => {
    const { logger, lines } = capture();
    logger.child({ requestId: 'req-123' }).info({ route: '/incidents/[slug]' }, 'request');
    const [line] = lines();
    expect(line).toMatchObject({
      level: 'info',
      requestId: 'req-123',
      route: '/incidents/[slug]',
      msg: 'request',
      service: 'pmkb',
    });
    expect(typeof line!.time).toBe('string');
  });

  it('never writes credentials, wherever they sit in the logged object', () => {
    const { logger, lines } = capture();
    const secrets = [
      'Bearer pmkb_s3cret-token',
      'pmkb.session_token=abc123',
      'hunter2-password',
      'hmac-secret-value',
      'pmkb_tok_value',
      'sid=1',
    ];
    logger.warn(
      {
        token: secrets[4],
        password: secrets[2],
        req: { headers: { authorization: secrets[0], cookie: secrets[1], host: 'kb.example' } },
        res: { headers: { 'set-cookie': secrets[5] } },
        host: { name: 'director-1', secret: secrets[3] },
        body: { user: { password: secrets[2] } },
      },
      'refused',
    );
    const raw = JSON.stringify(lines()[0]);
    for (const s of secrets) expect(raw).not.toContain(s);
    expect(raw).toContain(REDACTED);
    // What is not secret stays readable.
    expect(raw).toContain('kb.example');
    expect(raw).toContain('director-1');
  });

  it('serializes errors under err with their message', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('database is away') }, 'GET /api/search failed');
    expect(lines()[0]).toMatchObject({ level: 'error', err: { message: 'database is away', type: 'Error' } });
  });

  it('reads LOG_LEVEL, falling back to info for anything that is not a level', () => {
    expect(logLevel('DEBUG')).toBe('debug');
    expect(logLevel('verbose')).toBe('info');
    expect(logLevel('')).toBe('info');
  });
});
