// Postmortem templates, read from content/templates/*.md (not the database:
// they are part of the code's content, changed by a commit like the seed files).
// Parsed by the content format's one front-matter reader (no evaluation) and zod.
import 'server-only';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { splitFrontmatter } from '@/lib/content/parse';
import { log } from '@/lib/log';
import { templateFrontmatterSchema, templateSlugSchema, type TemplateFrontmatter } from './schema';

export const TEMPLATES_DIR = path.join(process.cwd(), 'content', 'templates');

export type Template = { slug: string; frontmatter: TemplateFrontmatter; narrative: string };

/** Every valid template, in their order; a broken file is skipped with a log line, never a broken page. */
export async function listTemplates(dir = TEMPLATES_DIR): Promise<Template[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort();
  const out: Template[] = [];
  for (const file of files) {
    const slug = file.replace(/\.md$/, '');
    if (!templateSlugSchema.safeParse(slug).success) continue;
    try {
      const { data, body } = splitFrontmatter(file, await readFile(path.join(dir, file), 'utf8'));
      const parsed = templateFrontmatterSchema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        log.error({ file, field: issue.path.join('.') }, `template skipped: ${issue.message}`);
        continue;
      }
      out.push({ slug, frontmatter: parsed.data, narrative: body });
    } catch (err) {
      log.error({ file }, `template skipped: ${(err as Error).message}`);
    }
  }
  return out.sort((a, b) => a.frontmatter.order - b.frontmatter.order || a.slug.localeCompare(b.slug));
}
