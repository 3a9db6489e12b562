// Migrate, seed twice, query: against a real PostgreSQL (or the embedded one).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, onTestFinished } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations, pendingMigrations } from '@/scripts/lib/schema-engine';
import { syncContent } from './sync';

const url = inject('databaseUrl');
const CONTENT = path.resolve(import.meta.dirname, '../../content');
const prisma = scriptClient(url);
/** Checks, runbooks, incidents, the synonyms and factor-categories files: every document content/ holds. */
const DOCUMENTS =
  ['checks', 'runbooks', 'incidents'].flatMap((d) => readdirSync(path.join(CONTENT, d)).filter((f) => f.endsWith('.md'))).length +
  2; // content/synonyms.yaml, content/factor-categories.yaml

async function counts() {
  const [incidents, runbooks, symptoms, timeline, steps, revisions, services] = await Promise.all([
    prisma.incident.count(),
    prisma.runbook.count(),
    prisma.symptom.count(),
    prisma.timelineEntry.count(),
    prisma.resolutionStep.count(),
    prisma.incidentRevision.count(),
    prisma.service.count(),
  ]);
  return { incidents, runbooks, symptoms, timeline, steps, revisions, services };
}

/** A copy of content/ to change: each test that edits files gets its own. */
function contentCopy(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(CONTENT, dir, { recursive: true });
  return dir;
}

const GS14_FILE = 'incidents/gs14-host-network-loss-2020-10.md';

beforeAll(async () => {
  await applyMigrations(url);
});
afterAll(() => prisma.$disconnect());

describe('migrations', () => {
  it('leave nothing pending and are idempotent', async () => {
    expect(await pendingMigrations(url)).toEqual([]);
    expect(await applyMigrations(url)).toEqual([]);
  });
});

describe('seeding content/', () => {
  it('loads every document, and a second run changes nothing', async () => {
    const first = await syncContent(prisma, CONTENT);
    expect(first.errors).toEqual([]);
    // Other test files may have seeded content/ already (one database per run).
    expect(first.created.length + first.unchanged.length).toBe(DOCUMENTS);
    const afterFirst = await counts();
    const stamps = await prisma.incident.findMany({ select: { slug: true, updatedAt: true, version: true }, orderBy: { slug: 'asc' } });

    const second = await syncContent(prisma, CONTENT);
    expect(second.errors).toEqual([]);
    expect(second.unchanged).toHaveLength(DOCUMENTS);
    expect(second.created.length + second.updated.length).toBe(0);
    expect(await counts()).toEqual(afterFirst);
    expect(await prisma.incident.findMany({ select: { slug: true, updatedAt: true, version: true }, orderBy: { slug: 'asc' } })).toEqual(stamps);
  });
});

describe('the factor taxonomy', () => {
  it('loads the category list and every seed incident names its trigger and categorizes each factor', async () => {
    await syncContent(prisma, CONTENT);
    const slugs = (await prisma.factorCategory.findMany({ orderBy: { position: 'asc' } })).map((c) => c.slug);
    expect(slugs).toEqual([
      'binary-or-config-push',
      'user-behaviour-change',
      'capacity',
      'dependency-or-vendor',
      'hardware-or-network',
      'process',
      'unknown',
    ]);
    const ovh = await prisma.incident.findUniqueOrThrow({ where: { slug: 'ovh-reverse-proxy-ip-lost-2024-08' } });
    expect(ovh.trigger).toBe('dependency-or-vendor');
    const seeds = readdirSync(path.join(CONTENT, 'incidents')).map((f) => f.replace(/\.md$/, ''));
    const uncategorized = await prisma.contributingFactor.count({ where: { category: null, incident: { slug: { in: seeds } } } });
    expect(uncategorized).toBe(0);
    expect(await prisma.incident.count({ where: { trigger: null, slug: { in: seeds } } })).toBe(0);
  });
});

// Each test below starts from content/ as shipped, whichever ran before it (or none: `-t` runs one alone).
describe('content/ once loaded', () => {
  beforeEach(async () => {
    const report = await syncContent(prisma, CONTENT);
    expect(report.errors).toEqual([]);
  });

  it('stores the GS14 incident with its timeline, commands and time zone', async () => {
    const gs14 = await prisma.incident.findUniqueOrThrow({
      where: { slug: 'gs14-host-network-loss-2020-10' },
      include: { steps: { orderBy: { position: 'asc' } }, timeline: { orderBy: { position: 'asc' } }, services: { include: { service: true } } },
    });
    expect(gs14.timezone).toBe('America/Chicago');
    expect(gs14.startedAt?.toISOString()).toBe('2020-10-14T18:50:00.000Z');
    expect(gs14.steps.map((s) => s.command)).toContain('ip route delete default');
    expect(gs14.timeline.length).toBeGreaterThanOrEqual(5);
    expect(gs14.services.map((s) => s.service.name)).toContain('GS14');
  });

  it('finds incidents by service through the join table', async () => {
    const rows = await prisma.incident.findMany({
      where: { services: { some: { service: { name: 'GS14' } } } },
      select: { slug: true },
    });
    expect(rows.map((r) => r.slug)).toEqual(['gs14-host-network-loss-2020-10']);
  });

  it('updates a changed file in place and keeps its children consistent', async () => {
    // Its own incident (GS14's text under a new slug): loaded once here, so its version
    // history starts at 1 however often content/ was synced before, and GS14 stays as shipped.
    const slug = `sync-update-${Date.now().toString(36)}`;
    const rel = `incidents/${slug}.md`;
    onTestFinished(async () => {
      await prisma.incident.deleteMany({ where: { slug } });
    });
    const dir = contentCopy('pmkb-content-');
    const file = path.join(dir, rel);
    writeFileSync(file, readFileSync(path.join(dir, GS14_FILE), 'utf8').replace('slug: gs14-host-network-loss-2020-10', `slug: ${slug}`));
    expect((await syncContent(prisma, dir)).created).toEqual([rel]);

    writeFileSync(file, readFileSync(file, 'utf8').replace('severity: SEV2', 'severity: SEV1'));
    const report = await syncContent(prisma, dir);
    expect(report.updated).toEqual([rel]);
    const copy = await prisma.incident.findUniqueOrThrow({ where: { slug }, include: { _count: { select: { timeline: true, revisions: true } } } });
    expect(copy.severity).toBe('SEV1');
    expect(copy.version).toBe(2);
    expect(copy._count.revisions).toBe(2);
  });

  it('rejects a file with a bad field by file and field, loading nothing from it', async () => {
    const dir = contentCopy('pmkb-bad-');
    const src = readFileSync(path.join(dir, GS14_FILE), 'utf8')
      .replace('slug: gs14-host-network-loss-2020-10', 'slug: brand-new-bad-incident')
      .replace('severity: SEV2', 'severity: CRITICAL');
    writeFileSync(path.join(dir, 'incidents/brand-new-bad-incident.md'), src);
    const report = await syncContent(prisma, dir);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.message).toContain('incidents/brand-new-bad-incident.md');
    expect(report.errors[0]!.field).toBe('severity');
    expect(await prisma.incident.count({ where: { slug: 'brand-new-bad-incident' } })).toBe(0);
    expect(report.unchanged).toHaveLength(DOCUMENTS);
  });

  it('rolls back a file whose write fails half-way (unknown runbook link)', async () => {
    const dir = contentCopy('pmkb-link-');
    const src = readFileSync(path.join(dir, GS14_FILE), 'utf8')
      .replace('slug: gs14-host-network-loss-2020-10', 'slug: links-to-nowhere')
      .replace(/^runbooks: .*$/m, 'runbooks: [no-such-runbook]');
    writeFileSync(path.join(dir, 'incidents/links-to-nowhere.md'), src);
    const report = await syncContent(prisma, dir);
    expect(report.errors.map((e) => e.field)).toEqual(['runbooks']);
    expect(await prisma.incident.count({ where: { slug: 'links-to-nowhere' } })).toBe(0);
  });
});
