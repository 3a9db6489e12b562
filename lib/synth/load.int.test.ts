// The synthetic loader writes incidents with their markdown already rendered (decision 013).
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { CACHE_CHANNEL } from '@/lib/cache/tags';
import { readIncidentRendering } from '@/lib/markdown/stored';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { synthIncident } from './generate';
import { loadSynthetic } from './load';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const RUN = `syn${Math.random().toString(36).slice(2, 8)}`;

beforeAll(() => applyMigrations(url));
afterAll(async () => {
  await prisma.incident.deleteMany({ where: { slug: { startsWith: RUN } } });
  await prisma.$disconnect();
});

it('stores each synthetic incident rendered, current for its narrative and commands', async () => {
  const incidents = [0, 1].map((i) => ({ ...synthIncident(7, i), slug: `${RUN}-${i}` }));
  expect(await loadSynthetic(prisma, incidents)).toBe(2);
  const rows = await prisma.incident.findMany({
    where: { slug: { startsWith: RUN } },
    select: {
      narrative: true,
      lessons: true,
      rendered: true,
      steps: { select: { command: true }, orderBy: { position: 'asc' } },
    },
  });
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    const rendered = readIncidentRendering(row.rendered, {
      narrative: row.narrative,
      lessons: row.lessons,
      commands: row.steps.map((s) => s.command),
    });
    expect(rendered?.narrative?.html).toContain('<h2 id="user-content-what-happened">');
  }
});

it('tells running app processes that incidents changed, so their cached reads (the search vocabulary) are dropped', async () => {
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  const heard: string[] = [];
  listener.on('notification', (n) => heard.push(String(n.payload)));
  await listener.query(`LISTEN ${CACHE_CHANNEL}`);
  try {
    await loadSynthetic(prisma, [{ ...synthIncident(7, 2), slug: `${RUN}-2` }]);
    for (let i = 0; i < 50 && !heard.includes('incidents'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toContain('incidents');
  } finally {
    await listener.end();
  }
});
