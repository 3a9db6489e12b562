// The app's incident writes, on its one client: each save in its own transaction,
// and the reads that decide a write. ./actions.ts calls these; the transaction
// body itself is ./store.ts, shared with the content sync. House rule (decision
// 020): only queries.ts, mutations.ts and scripts import lib/db.ts.
import { fieldError } from '@/lib/actions/result';
import { invalidateLocal } from '@/lib/cache/process';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { UnknownReferenceError, type Tx, type WriteResult } from './store';

/**
 * How long a save may run once started before it is given up (never half-applied).
 * Its wait to start is the client's default, TX_MAX_WAIT_MS in lib/db-pool.ts.
 */
const TX_OPTIONS = { timeout: 20_000 } as const;

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** Runs one write in its own transaction; maps the database's refusals to field errors instead of a 500. */
export async function runIncidentWrite(
  write: (tx: Tx) => Promise<WriteResult>,
): Promise<WriteResult | ReturnType<typeof fieldError>> {
  try {
    return await db.$transaction(write, TX_OPTIONS);
  } catch (err) {
    if (err instanceof UnknownReferenceError) return fieldError(err.field, err.message);
    if (isUniqueViolation(err)) return fieldError('slug', 'An incident with this slug already exists; choose another.');
    throw err;
  } finally {
    // After commit (or rollback): a read that ran between writeIncident's notify and the commit cached the old version.
    invalidateLocal(['incidents']);
  }
}

/** The row a save replaces, by id (an edit) or by slug (a new filing or an import). */
export function findIncidentForWrite(where: { id: string } | { slug: string }) {
  return db.incident.findUnique({ where, select: { id: true, slug: true, draft: true, version: true } });
}

/** Who saved last and when: what a stale save is told it lost to. */
export function lastRevisionAuthor(incidentId: string) {
  return db.incidentRevision.findFirst({
    where: { incidentId },
    orderBy: { version: 'desc' },
    select: { createdAt: true, author: { select: { name: true } } },
  });
}

/** A revision to restore, with the incident it belongs to. */
export function findRevisionToRestore(revisionId: string) {
  return db.incidentRevision.findUnique({
    where: { id: revisionId },
    select: { version: true, snapshot: true, incident: { select: { id: true, slug: true, draft: true } } },
  });
}
