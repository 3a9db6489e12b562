// Reads content/synonyms.yaml: parsed by `yaml` with the core schema (no tags
// that build objects, no timestamps), bounded aliases, then zod. The same
// choices as the front matter of content files (lib/content/frontmatter.ts, decision 011).
import YAML from 'yaml';
import { FRONTMATTER_MAX_ALIASES } from '@/lib/content/frontmatter';
import { synonymsFileSchema } from './schema';

export class SynonymsFileError extends Error {}

/** The groups of a synonyms file, or a SynonymsFileError naming the first problem and where. */
export function parseSynonymsFile(text: string): string[][] {
  const doc = YAML.parseDocument(text, { schema: 'core', prettyErrors: true, uniqueKeys: true, logLevel: 'silent' });
  const first = doc.errors[0];
  if (first) throw new SynonymsFileError(`cannot read the YAML: ${first.message.split('\n')[0]}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FRONTMATTER_MAX_ALIASES });
  } catch (err) {
    throw new SynonymsFileError(`cannot read the YAML: ${(err as Error).message}`);
  }
  const parsed = synonymsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SynonymsFileError(`${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data.groups;
}
