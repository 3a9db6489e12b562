// Reads content/synonyms.yaml through the one reader of YAML data files
// (lib/content/yaml-data.ts: core schema, bounded aliases, then zod).
import { readYamlData, YamlDataError } from '@/lib/content/yaml-data';
import { synonymsFileSchema } from './schema';

export class SynonymsFileError extends Error {}

/** The groups of a synonyms file, or a SynonymsFileError naming the first problem and where. */
export function parseSynonymsFile(text: string): string[][] {
  try {
    return readYamlData(text, synonymsFileSchema).groups;
  } catch (err) {
    throw err instanceof YamlDataError ? new SynonymsFileError(err.message) : err;
  }
}
