// Reads of the factor taxonomy.
import 'server-only';
import { db } from '@/lib/db';

export type FactorCategoryRow = { slug: string; label: string; position: number; factors: number; incidents: number };

/** The categories in their list order, with how many factors and incident triggers use each (admin page). */
export async function listFactorCategories(): Promise<FactorCategoryRow[]> {
  const rows = await db.factorCategory.findMany({
    select: { slug: true, label: true, position: true, _count: { select: { factors: true, incidents: true } } },
    orderBy: [{ position: 'asc' }, { slug: 'asc' }],
  });
  return rows.map(({ _count, ...c }) => ({ ...c, factors: _count.factors, incidents: _count.incidents }));
}
