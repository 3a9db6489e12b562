// Writes imported documents through the same code as `npm run db:seed`
// (lib/content/sync.ts): upsert by slug, one transaction per document, an
// unchanged document (same hash) is skipped, so every import is idempotent.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ContentError, parseIncident, parseRunbook, splitFrontmatter } from '@/lib/content/parse';
import { syncContent, syncIncident, syncRunbook, type SyncReport } from '@/lib/content/sync';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { entryToIncident, parseLinkList } from './link-list';

const TX_TIMEOUT_MS = 30_000;

/**
 * Runbooks have no severity; incidents must have one. Read through the one
 * front-matter parser (never a regex), so a file it refuses is parsed as an
 * incident and reported with the parser's field error.
 */
function looksLikeRunbook(file: string, source: string): boolean {
  let data: Record<string, unknown>;
  try {
    data = splitFrontmatter(file, source).data;
  } catch {
    return false;
  }
  return !('severity' in data);
}

/**
 * `npm run import -- <file-or-dir>`: the project's markdown + frontmatter format.
 * A folder laid out like content/ (incidents/, runbooks/) goes through syncContent;
 * any other folder or a single file is imported file by file.
 */
export async function importMarkdown(db: PrismaClient, target: string): Promise<SyncReport> {
  const info = await stat(target);
  if (info.isDirectory()) {
    const names = await readdir(target);
    if (names.includes('incidents') || names.includes('runbooks')) return syncContent(db, target);
  }
  const files = info.isDirectory()
    ? (await readdir(target))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  const report: SyncReport = { created: [], updated: [], unchanged: [], errors: [] };
  const sources = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(file, 'utf8');
      return { file, source, runbook: looksLikeRunbook(file, source) };
    }),
  );
  // Runbooks first: incidents link to them by slug.
  const ordered = [...sources].sort((a, b) => Number(b.runbook) - Number(a.runbook));
  for (const { file, source, runbook } of ordered) {
    const rel = path.basename(file);
    try {
      const outcome = runbook
        ? await db.$transaction((tx) => syncRunbook(tx, rel, parseRunbook(rel, source)), { timeout: TX_TIMEOUT_MS })
        : await db.$transaction((tx) => syncIncident(tx, rel, parseIncident(rel, source)), { timeout: TX_TIMEOUT_MS });
      report[outcome].push(rel);
    } catch (err) {
      report.errors.push(err instanceof ContentError ? err : new ContentError(rel, '', (err as Error).message));
    }
  }
  return report;
}

export interface LinkListReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** "file:line: message" for every malformed or rejected entry. */
  errors: string[];
}

/** `npm run import -- --format link-list <file>`: one incident per entry, by a slug stable across runs. */
export async function importLinkList(db: PrismaClient, file: string): Promise<LinkListReport> {
  const source = await readFile(file, 'utf8');
  const listName = path.basename(file);
  const { entries, errors } = parseLinkList(source);
  const report: LinkListReport = {
    created: [],
    updated: [],
    unchanged: [],
    errors: errors.map((e) => `${listName}:${e.line}: ${e.message}`),
  };
  for (const entry of entries) {
    const where = `${listName}:${entry.line}`;
    try {
      const { data, hash } = entryToIncident(entry, listName);
      const outcome = await db.$transaction((tx) => syncIncident(tx, where, { data, narrative: '', hash }), {
        timeout: TX_TIMEOUT_MS,
      });
      report[outcome].push(data.slug);
    } catch (err) {
      report.errors.push(`${where}: ${(err as Error).message}`);
    }
  }
  report.errors.sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));
  return report;
}
