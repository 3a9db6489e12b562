import type { BatchSummary } from '@/lib/checks/grouping';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "500 hosts: 487 passed, 11 failed, 2 errors, 0 timed out": the launch in one line. */
export function summaryText(s: BatchSummary): string {
  const parts = [`${s.passed} passed`, `${s.failed} failed`, plural(s.error, 'error'), `${s.timeout} timed out`];
  if (s.running) parts.push(`${s.running} still running`);
  return `${plural(s.total, 'host')}: ${parts.join(', ')}`;
}

export function BatchSummaryLine({ summary }: { summary: BatchSummary }) {
  return <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{summaryText(summary)}</p>;
}
