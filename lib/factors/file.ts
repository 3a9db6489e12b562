// Reads content/factor-categories.yaml with the same YAML choices as the other
// content files (core schema, bounded aliases; lib/content/frontmatter.ts, decision 011).
import YAML from 'yaml';
import { FRONTMATTER_MAX_ALIASES } from '@/lib/content/frontmatter';
import { factorCategoriesFileSchema, type FactorCategoryEntry } from './schema';

export class FactorCategoriesFileError extends Error {}

/** The categories of the file in their order, or a FactorCategoriesFileError naming the first problem. */
export function parseFactorCategoriesFile(text: string): FactorCategoryEntry[] {
  const doc = YAML.parseDocument(text, { schema: 'core', prettyErrors: true, uniqueKeys: true, logLevel: 'silent' });
  const first = doc.errors[0];
  if (first) throw new FactorCategoriesFileError(`cannot read the YAML: ${first.message.split('\n')[0]}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FRONTMATTER_MAX_ALIASES });
  } catch (err) {
    throw new FactorCategoriesFileError(`cannot read the YAML: ${(err as Error).message}`);
  }
  const parsed = factorCategoriesFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FactorCategoriesFileError(`${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data.categories;
}
