// The process's Prometheus registry (prom-client). Each app process exposes
// its own; Prometheus scrapes every instance and adds the `instance` label.
// Kept on globalThis because Next bundles instrumentation.ts and each route
// separately: a module-level registry could exist twice in one process.
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Request buckets from a static file (~1 ms) to a page that waits on a busy database (~10 s). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Check buckets: a `uname -a` answers in tens of ms; the longest catalog timeout is 2 min. */
const CHECK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'pmkb_http_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response, by route pattern (this process).',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: HTTP_BUCKETS,
      registers: [registry],
    }),
    checkRunDuration: new Histogram({
      name: 'pmkb_check_run_duration_seconds',
      help: 'Duration of check runs finished by this process, by final status.',
      labelNames: ['status'] as const,
      buckets: CHECK_BUCKETS,
      registers: [registry],
    }),
    checkRunsInFlight: new Gauge({
      name: 'pmkb_check_runs_in_flight',
      help: 'Check runs this process is executing on agents right now.',
      registers: [registry],
    }),
    dbCheckRuns: new Gauge({
      name: 'pmkb_db_check_runs',
      help: 'Check runs stored in the database, by status (database-wide: the same on every instance; aggregate with max, not sum).',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    dbPoolConnections: new Gauge({
      name: 'pmkb_db_pool_connections',
      help: "Connections in this process's database pool, by state (total or idle).",
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    dbPoolWaiting: new Gauge({
      name: 'pmkb_db_pool_waiting',
      help: 'Queries in this process waiting for a free database connection.',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

const KEY = Symbol.for('pmkb.metrics');
const store = globalThis as unknown as Record<symbol, Metrics | undefined>;

export function metrics(): Metrics {
  return (store[KEY] ??= create());
}

/** Called where a run's final status is stored (lib/checks/execute-runs.ts). */
export function observeCheckRun(status: string, durationMs: number): void {
  metrics().checkRunDuration.observe({ status }, durationMs / 1000);
}
