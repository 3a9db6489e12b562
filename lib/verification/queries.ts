// Reads for the runbook page's verification line, on the app's client. Not
// cached: it changes with every tick, and it is one indexed read per view.
import 'server-only';
import { db } from '@/lib/db';
import { readVerificationStatus, type VerificationStatus } from './status';

export function getVerificationStatus(runbookId: string): Promise<VerificationStatus | null> {
  return readVerificationStatus(db, runbookId);
}
