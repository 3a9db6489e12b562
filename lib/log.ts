// The server's logger: one JSON object per line on stdout (pino), so a log
// shipper can index fields instead of parsing sentences. CLI scripts keep
// their human-readable console output; this is for the app's server paths.
import pino, { type Logger } from 'pino';

/**
 * Fields that may carry credentials, wherever they appear in a logged object
 * (top level, and one or two levels down, e.g. req.headers.cookie). pino replaces them before
 * the line is written, so a careless `log.info({ req })` cannot leak a secret.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'secret',
  'token',
  'apiKey',
  'accessToken',
  'refreshToken',
  'idToken',
];
const member = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [member(k).replace(/^\./, ''), `*${member(k)}`, `*.*${member(k)}`]);

export const REDACTED = '[redacted]';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL, or info when unset or not a level (a typo must not stop the server). */
export function logLevel(value = process.env.LOG_LEVEL): string {
  const v = value?.trim().toLowerCase();
  return v && LEVELS.includes(v) ? v : 'info';
}

export function createLogger(destination?: pino.DestinationStream, level = logLevel()): Logger {
  return pino(
    {
      level,
      base: { service: 'pmkb', pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: what a person greps for.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

const globalForLog = globalThis as unknown as { pmkbLog?: Logger };

/** The process's logger (one per process, shared by every route bundle). */
export const log: Logger = (globalForLog.pmkbLog ??= createLogger());
