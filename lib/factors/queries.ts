// Reads of the factor taxonomy.
import 'server-only';
import { db } from '@/lib/db';

export type FactorCategory = { slug: string; label: string };

/** The categories in their list order. */
export function listFactorCategories(): Promise<FactorCategory[]> {
  return db.factorCategory.findMany({ select: { slug: true, label: true }, orderBy: [{ position: 'asc' }, { slug: 'asc' }] });
}
