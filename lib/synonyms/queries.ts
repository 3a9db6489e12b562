// Reads of the synonym groups: the admin list, and the thesaurus every search
// uses, cached in the process until a synonym edit (tag 'synonyms', decision 018).
import 'server-only';
import { cached } from '@/lib/cache/tagged';
import { db } from '@/lib/db';
import { compileThesaurus, type Thesaurus } from '@/lib/search/synonyms';

export interface SynonymGroupRow {
  id: string;
  terms: string[];
  version: number;
  updatedAt: Date;
}

/** Every group, ordered by its first term, for /admin/synonyms. */
export async function listSynonymGroups(): Promise<SynonymGroupRow[]> {
  const rows = await db.synonymGroup.findMany({ select: { id: true, terms: true, version: true, updatedAt: true } });
  return rows.sort((a, b) => (a.terms[0] ?? '').localeCompare(b.terms[0] ?? '') || a.id.localeCompare(b.id));
}

/** The compiled groups; read per search, so it comes from the cache, not the database. */
export function searchThesaurus(): Promise<Thesaurus> {
  return cached('synonyms:thesaurus', ['synonyms'], async () => {
    const rows = await db.synonymGroup.findMany({ select: { terms: true }, orderBy: { id: 'asc' } });
    return compileThesaurus(rows.map((r) => r.terms));
  });
}
