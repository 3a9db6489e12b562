// Reads content/factor-categories.yaml through the one reader of YAML data files
// (lib/content/yaml-data.ts: core schema, bounded aliases, then zod).
import { readYamlData, YamlDataError } from '@/lib/content/yaml-data';
import { factorCategoriesFileSchema, type FactorCategoryEntry } from './schema';

export class FactorCategoriesFileError extends Error {}

/** The categories of the file in their order, or a FactorCategoriesFileError naming the first problem. */
export function parseFactorCategoriesFile(text: string): FactorCategoryEntry[] {
  try {
    return readYamlData(text, factorCategoriesFileSchema).categories;
  } catch (err) {
    throw err instanceof YamlDataError ? new FactorCategoriesFileError(err.message) : err;
  }
}
