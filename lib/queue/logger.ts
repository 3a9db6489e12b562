// graphile-worker logs through a factory of its own; this sends its lines to
// the app's pino logger (lib/log.ts) as JSON, never to the console.
import { Logger, type LogLevel } from 'graphile-worker';
import type { Logger as Pino } from 'pino';
import { log } from '@/lib/log';

const LEVELS: Record<string, 'error' | 'warn' | 'info' | 'debug'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

/** graphile-worker reports every job at info; at fleet scale that is a line per host per launch, so those go to debug. */
const PER_JOB = /^(Completed task|Failed task|Found task)/;

export function queueLogger(base: Pino = log): Logger {
  return new Logger((scope) => {
    const child = base.child({ queue: scope });
    return (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
      const method = level === 'info' && PER_JOB.test(message) ? 'debug' : (LEVELS[level] ?? 'info');
      // graphile-worker passes caught errors as meta.error (pino serializes them under err),
      // and the whole job row, payload included, as meta.job: only its id is kept.
      const { error, job, ...rest } = meta ?? {};
      const jobId = (job as { id?: unknown } | undefined)?.id;
      child[method]({ ...rest, ...(jobId ? { jobId } : {}), ...(error ? { err: error } : {}) }, message);
    };
  });
}
