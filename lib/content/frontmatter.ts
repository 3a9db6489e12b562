// Splits a content file into its YAML front matter and its markdown body.
//
// Written by hand on purpose (docs/decisions/011-yaml-front-matter-and-control-characters.md):
// gray-matter keeps a `javascript` engine that `eval`s `---js` front matter even
// when only a YAML engine is given, so any author could run code in the server.
// Here the opening line must be exactly `---`; anything else after the dashes
// (`---js`, `---coffee`, `--- yaml`) is refused, and the block is parsed by
// `yaml`, which never evaluates anything.
import YAML from 'yaml';

/** The field name every front-matter problem is reported under (forms show it by field). */
export const FRONTMATTER_FIELD = 'frontmatter';

/**
 * Aliases a real content file needs: none, but a hand-written file may reuse a list.
 * Low enough that a "billion laughs" alias bomb is refused before it expands.
 */
export const FRONTMATTER_MAX_ALIASES = 50;

export class FrontmatterError extends Error {
  readonly field = FRONTMATTER_FIELD;
}

// A fence line: three dashes, then optional spaces or tabs, nothing else.
const FENCE = /^---[ \t]*$/;

/** Shows what followed the dashes, bounded, so the message never carries a whole line. */
function describeOpening(line: string): string {
  const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
  return JSON.stringify(shown);
}

/**
 * Returns the parsed front matter (always a plain object) and the body.
 * Line endings are normalised to `\n`; a leading byte-order mark is ignored.
 * Throws FrontmatterError, never evaluates the text.
 */
export function parseFrontmatter(source: string): { data: Record<string, unknown>; body: string } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstBreak = text.indexOf('\n');
  const opening = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (!opening.startsWith('---')) {
    throw new FrontmatterError('missing the YAML frontmatter block: the file must start with a line "---"');
  }
  if (!FENCE.test(opening)) {
    throw new FrontmatterError(
      `only YAML frontmatter is accepted: the first line must be exactly "---", not ${describeOpening(opening)}`,
    );
  }
  const rest = firstBreak === -1 ? '' : text.slice(firstBreak + 1);
  const lines = rest.split('\n');
  const close = lines.findIndex((line) => FENCE.test(line));
  if (close === -1) throw new FrontmatterError('the frontmatter block is not closed by a line "---"');
  const yamlText = lines.slice(0, close).join('\n');
  const body = lines.slice(close + 1).join('\n').replace(/^\n+/, '');
  return { data: parseYamlMapping(yamlText), body };
}

function parseYamlMapping(yamlText: string): Record<string, unknown> {
  // YAML 1.2 core schema: timestamps stay strings (js-yaml would turn them into
  // Dates and drop the offset), so zod sees exactly what the author wrote.
  // Unknown tags (`!!js/function`) only produce a warning and a plain string.
  const doc = YAML.parseDocument(yamlText, { schema: 'core', prettyErrors: true, uniqueKeys: true, logLevel: 'silent' });
  const first = doc.errors[0];
  if (first) throw new FrontmatterError(`cannot read the YAML frontmatter: ${first.message.split('\n')[0]}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FRONTMATTER_MAX_ALIASES });
  } catch (err) {
    // yaml throws a ReferenceError for an alias bomb or an unknown anchor.
    throw new FrontmatterError(`cannot read the YAML frontmatter: ${(err as Error).message}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontmatterError('the YAML frontmatter must be a mapping of fields (key: value), not a list or a single value');
  }
  return data as Record<string, unknown>;
}
