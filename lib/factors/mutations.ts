// Admin edits of the factor taxonomy (/admin/factor-categories). Each write, its
// audit event and the cache notification share one transaction: an edit is
// audited if and only if it happened. Once admins have edited the list,
// content/factor-categories.yaml no longer overrides it (./sync.ts).
import { recordAudit } from '@/lib/audit/record';
import { notifyChange } from '@/lib/cache/notify';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

export interface Actor {
  actorId: string;
  requestId: string | null;
}

export type CategoryOutcome =
  | { ok: true; slug: string }
  | { ok: false; reason: 'taken' | 'missing' }
  | { ok: false; reason: 'stale'; current: string }
  | { ok: false; reason: 'in-use'; factors: number; incidents: number };

async function finish(tx: Tx, actor: Actor, action: string, slug: string, details: Record<string, string | number>) {
  await recordAudit(tx, { ...actor, action, targetType: 'factor_category', targetId: slug, outcome: 'success', details });
  // Labels show on incident pages, lists and insights.
  await notifyChange(tx, ['incidents']);
}

export function createFactorCategory(slug: string, label: string, actor: Actor): Promise<CategoryOutcome> {
  return db.$transaction(async (tx) => {
    if (await tx.factorCategory.findUnique({ where: { slug } })) return { ok: false, reason: 'taken' };
    const last = await tx.factorCategory.aggregate({ _max: { position: true } });
    await tx.factorCategory.create({ data: { slug, label, position: (last._max.position ?? 0) + 1 } });
    await finish(tx, actor, 'factor-category.create', slug, { label });
    return { ok: true, slug };
  });
}

/** Compare-and-set on the label the page showed. The slug never changes: content files name it. */
export function updateFactorCategory(
  slug: string,
  label: string,
  previousLabel: string,
  position: number,
  actor: Actor,
): Promise<CategoryOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.factorCategory.updateMany({ where: { slug, label: previousLabel }, data: { label, position } });
    if (count === 0) {
      const current = await tx.factorCategory.findUnique({ where: { slug }, select: { label: true } });
      return current ? { ok: false, reason: 'stale', current: current.label } : { ok: false, reason: 'missing' };
    }
    await finish(tx, actor, 'factor-category.update', slug, { from: previousLabel, to: label, position });
    return { ok: true, slug };
  });
}

/** Refused while any factor or incident names it: deleting would silently uncategorize them. */
export function deleteFactorCategory(slug: string, actor: Actor): Promise<CategoryOutcome> {
  return db.$transaction(async (tx) => {
    // Locks the row, so no write can start naming it between the count and the delete.
    const rows = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM factor_categories WHERE slug = ${slug} FOR UPDATE`;
    if (!rows.length) return { ok: false, reason: 'missing' };
    const [factors, incidents] = await Promise.all([
      tx.contributingFactor.count({ where: { category: slug } }),
      tx.incident.count({ where: { trigger: slug } }),
    ]);
    if (factors || incidents) return { ok: false, reason: 'in-use', factors, incidents };
    await tx.factorCategory.delete({ where: { slug } });
    await finish(tx, actor, 'factor-category.delete', slug, {});
    return { ok: true, slug };
  });
}
