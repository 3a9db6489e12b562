// Markdown is rendered once, when written, and the pages' queries read the
// stored HTML (decision 013): saving stores it, reading does not render, a row
// without it is rendered once and stored, and unrenderable text is a field error.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { setAppEnv } from '@/tests/request-scope';
import { actAsNewUser, removeRunData } from '@/tests/users';
import { emptyIncidentForm, type IncidentForm } from './form';

const url = inject('databaseUrl');
setAppEnv(url);
vi.mock('next/headers', () => import('@/tests/mocks/next-headers'));
vi.mock('next/cache', () => import('@/tests/mocks/next-cache'));
// The real renderer, counted: a page's query must not call it when HTML is stored.
vi.mock('@/lib/markdown/render', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/markdown/render')>();
  return { ...real, renderMarkdown: vi.fn(real.renderMarkdown) };
});

const { renderMarkdown } = await import('@/lib/markdown/render');
const { saveIncident } = await import('./actions');
const { getIncidentBySlug } = await import('./queries');
const { getRunbookBySlug } = await import('@/lib/runbooks/queries');
const { syncRunbook } = await import('@/lib/content/sync');
const { parseRunbook } = await import('@/lib/content/parse');

const RUN = `rnd${Math.random().toString(36).slice(2, 8)}`;
const prisma = scriptClient(url);
let authorId = '';

beforeAll(async () => {
  await applyMigrations(url);
  authorId = (await actAsNewUser(prisma, 'author', 'rendered')).id;
});
afterAll(async () => {
  await removeRunData(prisma, RUN, authorId);
  await prisma.$disconnect();
});

const draft = (slug: string, narrative: string): IncidentForm => ({
  ...emptyIncidentForm(),
  slug,
  title: 'ARP cache lost the VIP',
  services: [{ key: 'a', value: `${RUN}-lb` }],
  startedAt: '2024-08-01 10:00',
  narrative,
  lessons: 'Keep **static** neighbours for the VIP.',
  resolutionSteps: [{ key: 'r', text: 'Look at the neighbour table.', command: 'ip neigh show dev eth1', check: '' }],
});

function form(value: IncidentForm): FormData {
  const data = new FormData();
  data.set('form', JSON.stringify(value));
  data.set('incidentId', '');
  data.set('version', '');
  return data;
}

describe('markdown rendered on write', () => {
  it('saving stores the HTML, and the page query returns it without rendering', async () => {
    const slug = `${RUN}-saved`;
    const result = await saveIncident(null, form(draft(slug, '## What happened\n\nThe director lost `193.70.55.1`.\n')));
    expect(result).toMatchObject({ ok: true });
    const row = await prisma.incident.findUniqueOrThrow({ where: { slug }, select: { rendered: true } });
    expect(JSON.stringify(row.rendered)).toContain('id=\\"user-content-what-happened\\"');

    vi.mocked(renderMarkdown).mockClear();
    const incident = await getIncidentBySlug(slug, true);
    expect(renderMarkdown).not.toHaveBeenCalled();
    expect(incident?.rendered.narrative?.html).toContain('<h2 id="user-content-what-happened">');
    expect(incident?.rendered.narrative?.toc).toEqual([{ depth: 2, id: 'user-content-what-happened', text: 'What happened' }]);
    expect(incident?.rendered.lessons?.html).toContain('<strong>static</strong>');
    expect(incident?.rendered.commands[0]).toContain('<code class="hljs language-bash">');
  });

  it('a row without stored HTML is rendered once on its next view and stored', async () => {
    const slug = `${RUN}-legacy`;
    expect(await saveIncident(null, form(draft(slug, 'Before the column existed.\n')))).toMatchObject({ ok: true });
    await prisma.$executeRaw`UPDATE incidents SET rendered = NULL WHERE slug = ${slug}`;

    vi.mocked(renderMarkdown).mockClear();
    expect((await getIncidentBySlug(slug, true))?.rendered.narrative?.html).toContain('Before the column existed.');
    expect(renderMarkdown).toHaveBeenCalled();
    const row = await prisma.incident.findUniqueOrThrow({ where: { slug }, select: { rendered: true } });
    expect(row.rendered).not.toBeNull();

    vi.mocked(renderMarkdown).mockClear();
    await getIncidentBySlug(slug, true);
    expect(renderMarkdown).not.toHaveBeenCalled();
  });

  it('stored HTML of a narrative changed behind the app is not shown; it is rendered again', async () => {
    const slug = `${RUN}-changed`;
    expect(await saveIncident(null, form(draft(slug, 'Old text.\n')))).toMatchObject({ ok: true });
    await prisma.$executeRaw`UPDATE incidents SET narrative = 'New text.' WHERE slug = ${slug}`;
    const html = (await getIncidentBySlug(slug, true))?.rendered.narrative?.html;
    expect(html).toContain('New text.');
    expect(html).not.toContain('Old text.');
  });

  it('a narrative that cannot be rendered is refused as a field error and nothing is stored', async () => {
    const slug = `${RUN}-deep`;
    vi.mocked(renderMarkdown).mockClear();
    const result = await saveIncident(null, form(draft(slug, `${'>'.repeat(50_000)} x\n`)));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.narrative?.[0]).toMatch(/nests block quotes 50,000 deep; at most 32/);
    expect(renderMarkdown).not.toHaveBeenCalled();
    expect(await prisma.incident.findUnique({ where: { slug } })).toBeNull();
  });

  it('content sync stores a runbook body rendered, and the runbook query reads it', async () => {
    const slug = `${RUN}-rb`;
    await prisma.check.create({ data: { slug: `${RUN}-neigh`, title: 'Neighbours', argv: ['ip', 'neigh'] } });
    const source = `---\nslug: ${slug}\ntitle: Neighbour table\n---\n## Check the VIP\n\n\`\`\`check\n${RUN}-neigh\n\`\`\`\n`;
    const parsed = parseRunbook(`runbooks/${slug}.md`, source);
    await prisma.$transaction((tx) => syncRunbook(tx, `runbooks/${slug}.md`, parsed));
    vi.mocked(renderMarkdown).mockClear();
    const runbook = await getRunbookBySlug(slug);
    expect(renderMarkdown).not.toHaveBeenCalled();
    expect(runbook?.rendered.body.toc).toEqual([{ depth: 2, id: 'user-content-check-the-vip', text: 'Check the VIP' }]);
    expect(runbook?.rendered.body.segments.some((s) => s.kind === 'check' && s.fence.slug === `${RUN}-neigh`)).toBe(true);
  });

  it('content sync refuses a runbook body that cannot be rendered', () => {
    const source = `---\nslug: ${RUN}-rb2\ntitle: Deep\n---\n${'*a'.repeat(15_000)}\n`;
    expect(() => parseRunbook(`runbooks/${RUN}-rb2.md`, source)).toThrow(
      /field "body": The body has 15,000 emphasis or code marks/,
    );
  });
});
