// Runs once when the Next server starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.DATABASE_URL) return;
  const { startRunSweeper } = await import('./lib/checks/sweeper');
  await startRunSweeper();
}
