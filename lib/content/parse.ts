// Reads one content file: YAML frontmatter + markdown body, validated.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { checkFrontmatterSchema, type CheckFrontmatter } from '@/lib/checks/catalog-schema';
import { checkRenderable } from '@/lib/markdown/limits';
import { FrontmatterError, parseFrontmatter } from './frontmatter';
import {
  BODY_MAX,
  incidentFrontmatterSchema,
  runbookFrontmatterSchema,
  type IncidentFrontmatter,
  type RunbookFrontmatter,
} from './schema';

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    /** The problem alone, without the file and field, for a form's field error. */
    readonly detail: string,
  ) {
    super(`${file}: ${field ? `field "${field}": ` : ''}${detail}`);
  }
}

export interface ParsedIncident {
  data: IncidentFrontmatter;
  narrative: string;
  hash: string;
}
export interface ParsedRunbook {
  data: RunbookFrontmatter;
  body: string;
  hash: string;
}

/**
 * The one reader of the content format's front matter: every path (upload,
 * `npm run import`, content sync) comes through here. YAML only; nothing is evaluated.
 */
export function splitFrontmatter(file: string, source: string): { data: Record<string, unknown>; body: string } {
  try {
    return parseFrontmatter(source);
  } catch (err) {
    if (err instanceof FrontmatterError) throw new ContentError(file, err.field, err.message);
    throw err;
  }
}

function validate<S extends z.ZodType>(file: string, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join('.'), issue.message);
  }
  return result.data;
}

function checkSlug(file: string, slug: string) {
  const base = file.split(/[\\/]/).pop()!.replace(/\.md$/, '');
  if (base !== slug) throw new ContentError(file, 'slug', `"${slug}" must equal the file name "${base}"`);
}

function checkBody(file: string, body: string) {
  if (body.length > BODY_MAX) throw new ContentError(file, 'body', `longer than ${BODY_MAX} characters`);
  // Rendered when synced (runbooks, narratives) or shown (check descriptions): refuse what cannot be rendered.
  const renderable = checkRenderable(body, 'The body');
  if (!renderable.ok) throw new ContentError(file, 'body', renderable.message);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function parseIncident(file: string, source: string): ParsedIncident {
  const { data, body } = splitFrontmatter(file, source);
  const parsed = validate(file, incidentFrontmatterSchema, data);
  checkSlug(file, parsed.slug);
  checkBody(file, body);
  return { data: parsed, narrative: body, hash: sha(source) };
}

export function parseRunbook(file: string, source: string): ParsedRunbook {
  const { data, body } = splitFrontmatter(file, source);
  const parsed = validate(file, runbookFrontmatterSchema, data);
  checkSlug(file, parsed.slug);
  checkBody(file, body);
  return { data: parsed, body, hash: sha(source) };
}

export interface ParsedCheck {
  data: CheckFrontmatter;
  description: string;
  hash: string;
}

export function parseCheck(file: string, source: string): ParsedCheck {
  const { data, body } = splitFrontmatter(file, source);
  const parsed = validate(file, checkFrontmatterSchema, data);
  checkSlug(file, parsed.slug);
  checkBody(file, body);
  return { data: parsed, description: body.trim(), hash: sha(source) };
}
