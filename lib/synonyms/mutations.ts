// Synonym group writes for ./actions.ts. Each write, its audit event and the
// cache notification share one transaction: an edit is audited if and only if
// it happened, and every process drops its thesaurus when it commits.
import { recordAudit } from '@/lib/audit/record';
import { notifyChange } from '@/lib/cache/notify';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { GROUPS_MAX } from './schema';

type Tx = Prisma.TransactionClient;

export interface Actor {
  actorId: string;
  requestId: string | null;
}

export type WriteOutcome =
  | { ok: true; id: string }
  /** A term of the group is already in another group: one group per term, or expansion would chain. */
  | { ok: false; reason: 'taken'; term: string; otherGroup: string[] }
  | { ok: false; reason: 'missing' }
  /** GROUPS_MAX groups exist already: the file's bound holds for the form too. */
  | { ok: false; reason: 'full' }
  /** The group changed since the form was loaded. */
  | { ok: false; reason: 'stale'; current: { terms: string[]; version: number } };

// Edits are rare: one lock serialises them, so the "term in another group" check cannot race.
const lock = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pmkb_synonym_groups'))`;

async function takenTerm(tx: Tx, terms: string[], exceptId: string | null) {
  const other = await tx.synonymGroup.findFirst({
    where: { terms: { hasSome: terms }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { terms: true },
  });
  if (!other) return null;
  return {
    ok: false as const,
    reason: 'taken' as const,
    term: terms.find((t) => other.terms.includes(t))!,
    otherGroup: other.terms,
  };
}

async function finish(tx: Tx, actor: Actor, action: string, id: string, details: Record<string, string | number>) {
  await recordAudit(tx, { ...actor, action, targetType: 'synonym_group', targetId: id, outcome: 'success', details });
  await notifyChange(tx, ['synonyms']);
}

export function createSynonymGroup(terms: string[], actor: Actor): Promise<WriteOutcome> {
  return db.$transaction(async (tx) => {
    await lock(tx);
    // Every group is held in memory by every process and read per search.
    if ((await tx.synonymGroup.count()) >= GROUPS_MAX) return { ok: false, reason: 'full' };
    const taken = await takenTerm(tx, terms, null);
    if (taken) return taken;
    const group = await tx.synonymGroup.create({ data: { terms }, select: { id: true } });
    await finish(tx, actor, 'synonym.create', group.id, { terms: terms.join(', ') });
    return { ok: true, id: group.id };
  });
}

async function staleOrMissing(tx: Tx, id: string): Promise<WriteOutcome> {
  const current = await tx.synonymGroup.findUnique({ where: { id }, select: { terms: true, version: true } });
  return current ? { ok: false, reason: 'stale', current } : { ok: false, reason: 'missing' };
}

/** Only from `version`: a form loaded before someone else's edit is refused, not applied over it. */
export function updateSynonymGroup(id: string, version: number, terms: string[], actor: Actor): Promise<WriteOutcome> {
  return db.$transaction(async (tx) => {
    await lock(tx);
    const before = await tx.synonymGroup.findUnique({ where: { id }, select: { terms: true, version: true } });
    if (!before || before.version !== version) return staleOrMissing(tx, id);
    const taken = await takenTerm(tx, terms, id);
    if (taken) return taken;
    const { count } = await tx.synonymGroup.updateMany({
      where: { id, version },
      data: { terms, version: { increment: 1 } },
    });
    if (count === 0) return staleOrMissing(tx, id);
    await finish(tx, actor, 'synonym.update', id, { from: before.terms.join(', '), to: terms.join(', '), version: version + 1 });
    return { ok: true, id };
  });
}

export function deleteSynonymGroup(id: string, version: number, actor: Actor): Promise<WriteOutcome> {
  return db.$transaction(async (tx) => {
    await lock(tx);
    const before = await tx.synonymGroup.findUnique({ where: { id }, select: { terms: true } });
    const { count } = await tx.synonymGroup.deleteMany({ where: { id, version } });
    if (count === 0) return staleOrMissing(tx, id);
    await finish(tx, actor, 'synonym.delete', id, { terms: before?.terms.join(', ') ?? '' });
    return { ok: true, id };
  });
}
