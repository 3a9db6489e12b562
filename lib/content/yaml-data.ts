// Reads a YAML data file of content/ (the synonym list, the factor categories)
// with the same choices as front matter (decision 011): the core schema (no tags
// that build objects, no timestamps), unique keys, bounded aliases, then zod.
import YAML from 'yaml';
import type { z } from 'zod';
import { FRONTMATTER_MAX_ALIASES } from './frontmatter';

export class YamlDataError extends Error {}

/** The file's data as `schema` reads it, or a YamlDataError naming the first problem and where. */
export function readYamlData<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  const doc = YAML.parseDocument(text, { schema: 'core', prettyErrors: true, uniqueKeys: true, logLevel: 'silent' });
  const first = doc.errors[0];
  if (first) throw new YamlDataError(`cannot read the YAML: ${first.message.split('\n')[0]}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FRONTMATTER_MAX_ALIASES });
  } catch (err) {
    throw new YamlDataError(`cannot read the YAML: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new YamlDataError(`${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}
