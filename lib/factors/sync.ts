// Loads content/factor-categories.yaml into factor_categories (decision 032):
// each sync adds new slugs and updates labels and order, until an admin edits the
// list at /admin/factor-categories; from then on the table is theirs and the file
// is not applied again (the append-only audit trail remembers the edit). A slug
// removed from the file is not deleted here, so rows that name it keep it.
import { readFile } from 'node:fs/promises';
import { notifyChange } from '@/lib/cache/notify';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseFactorCategoriesFile } from './file';

/** The audit action prefix of admins' edits (./actions.ts); written here too, as sync cannot import the server-only mutations. */
const CATEGORY_AUDIT_PREFIX = 'factor-category.';

type Tx = Prisma.TransactionClient;

export async function syncFactorCategories(tx: Tx, file: string): Promise<'created' | 'updated' | 'unchanged' | 'absent'> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return 'absent';
  const wanted = parseFactorCategoriesFile(text).map((c, i) => ({ ...c, position: i + 1 }));
  const edited = await tx.auditEvent.count({ where: { action: { startsWith: CATEGORY_AUDIT_PREFIX }, outcome: 'success' } });
  if (edited > 0) return 'unchanged';
  const stored = new Map((await tx.factorCategory.findMany()).map((c) => [c.slug, c]));
  const changed = wanted.filter((c) => {
    const s = stored.get(c.slug);
    return !s || s.label !== c.label || s.position !== c.position;
  });
  if (!changed.length) return 'unchanged';
  for (const c of changed) {
    await tx.factorCategory.upsert({ where: { slug: c.slug }, create: c, update: { label: c.label, position: c.position } });
  }
  await notifyChange(tx, ['incidents']);
  return changed.some((c) => !stored.has(c.slug)) ? 'created' : 'updated';
}
