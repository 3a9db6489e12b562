// `npm run import` and content sync against a real PostgreSQL: a file whose front
// matter is not YAML (`---js`) is refused by field, runs nothing and writes nothing,
// while a YAML file beside it still loads.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { importMarkdown } from './load';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
// Prefixed so other test files sharing the database never see these rows.
const RUN = `ldr${Math.random().toString(36).slice(2, 8)}`;
const dirs: string[] = [];

const yamlIncident = (slug: string) =>
  `---\nslug: ${slug}\ntitle: Front matter in YAML\nseverity: SEV4\nstatus: draft\nstartedAt: "2024-01-01T10:00:00Z"\n---\nStill loads.\n`;
// If any engine evaluated this block, it would set a global and name an incident.
const jsIncident = (opening: string, slug: string) =>
  `${opening}\n(globalThis.__pmkbCliPwned = true, { slug: "${slug}", title: "Evaluated", severity: "SEV1", status: "draft", startedAt: "2024-01-01T10:00:00Z" })\n---\nNever read.\n`;

function folder(files: Record<string, string>, sub = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pmkb-import-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, sub), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, sub, name), text);
  return dir;
}

beforeAll(async () => {
  await applyMigrations(url);
});
afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await prisma.$disconnect();
});

describe('importing files whose front matter is not YAML', () => {
  it.each(['---js', '---javascript', '---coffee'])('npm run import refuses %s by field and runs nothing', async (opening) => {
    const tag = opening.replace(/-/g, '');
    const bad = `${RUN}-${tag}-bad`;
    const good = `${RUN}-${tag}-good`;
    const dir = folder({ [`${bad}.md`]: jsIncident(opening, bad), [`${good}.md`]: yamlIncident(good) });
    const report = await importMarkdown(prisma, dir);
    expect(report.created).toEqual([`${good}.md`]);
    expect(report.errors.map((e) => [e.file, e.field])).toEqual([[`${bad}.md`, 'frontmatter']]);
    expect(report.errors[0]!.message).toMatch(/only YAML frontmatter/);
    expect((globalThis as { __pmkbCliPwned?: boolean }).__pmkbCliPwned).toBeUndefined();
    expect(await prisma.incident.count({ where: { slug: bad } })).toBe(0);
  });

  it('content sync (a content/ layout) refuses it the same way', async () => {
    const bad = `${RUN}-sync-bad`;
    const dir = folder({ [`${bad}.md`]: jsIncident('---js', bad) }, 'incidents');
    const report = await importMarkdown(prisma, dir);
    expect(report.errors.map((e) => [e.file, e.field])).toEqual([[path.join('incidents', `${bad}.md`), 'frontmatter']]);
    expect((globalThis as { __pmkbCliPwned?: boolean }).__pmkbCliPwned).toBeUndefined();
    expect(await prisma.incident.count({ where: { slug: bad } })).toBe(0);
  });
});
