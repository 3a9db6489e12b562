// The runbook page's scheduled-verification line: "Verified 2 h ago: 11 of 12
// passed" linking to the launch, or "Not verified yet", or failing since when.
import Link from 'next/link';
import { DateTime } from '@/components/ui/DateTime';
import type { VerificationSummary } from '@/lib/verification/status';

const TONE = {
  ok: 'text-emerald-800 dark:text-emerald-300',
  failing: 'text-red-800 dark:text-red-300',
  neutral: 'text-slate-700 dark:text-slate-300',
} as const;

export function VerificationLine({ summary }: { summary: VerificationSummary }) {
  return (
    <p data-testid="runbook-verification" className={`mt-1 text-sm ${TONE[summary.tone]}`}>
      {summary.failingSince && (
        <>
          Verification failing since <DateTime value={summary.failingSince} timeZone="UTC" /> UTC ·{' '}
        </>
      )}
      {summary.href ? (
        <Link href={summary.href} className="underline hover:no-underline">
          {summary.text}
        </Link>
      ) : (
        summary.text
      )}
      <span className="text-slate-600 dark:text-slate-400"> · checked {summary.schedule}</span>
    </p>
  );
}
