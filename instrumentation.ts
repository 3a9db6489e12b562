// Runs once when the Next server starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Request timing by route, the access log and the peer address /api/metrics
  // checks (lib/metrics/); no database needed.
  const { installRequestHooks } = await import('./lib/metrics/request-context');
  // Before the request hooks, so theirs stays the outer one and times cached pages too.
  const { installAnonymousPageCache } = await import('./lib/cache/anonymous-pages');
  installAnonymousPageCache();
  const { installRouteTiming } = await import('./lib/metrics/route-timing');
  installRequestHooks();
  if (!installRouteTiming()) {
    const { log } = await import('./lib/log');
    log.warn('metrics: another OpenTelemetry provider is registered; request durations are labelled without routes');
  }
  if (!process.env.DATABASE_URL) return;
  // The web process runs no checks (queue workers do, docs/decisions/029); it
  // still sweeps, like every worker: only runs whose lease expired, or that no
  // worker took, so it is safe beside other live instances (decision 019).
  const [{ startRunSweeper }, { db }] = await Promise.all([import('./lib/checks/sweeper'), import('./lib/db')]);
  await startRunSweeper(db);
}
