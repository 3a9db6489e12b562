// Stored renderings are used only when they are this renderer's and of these sources.
import { describe, expect, it } from 'vitest';
import { incidentDocumentSchema } from '@/lib/content/schema';
import { readIncidentRendering, readRunbookRendering, renderIncident, renderRunbook, RENDER_VERSION } from './stored';

const sources = { narrative: '## Why\n\nThe ARP entry expired.\n', lessons: '', commands: ['ip neigh', null] };

describe('stored renderings', () => {
  it('round-trips through JSON, as the column stores it', async () => {
    const stored = JSON.parse(JSON.stringify(await renderIncident(sources)));
    const read = readIncidentRendering(stored, sources);
    expect(read?.narrative?.html).toContain('<h2 id="user-content-why">');
    expect(read?.lessons).toBeNull();
    expect(read?.commands[0]).toContain('language-bash');
    expect(read?.commands[1]).toBeNull();
  });

  it('is not used when the sources changed, the renderer changed or the value is not ours', async () => {
    const stored = JSON.parse(JSON.stringify(await renderIncident(sources)));
    expect(readIncidentRendering(stored, { ...sources, narrative: 'Other text.' })).toBeNull();
    expect(readIncidentRendering(stored, { ...sources, commands: ['ip route', null] })).toBeNull();
    expect(readIncidentRendering({ ...stored, v: RENDER_VERSION - 1 }, sources)).toBeNull();
    expect(readIncidentRendering(null, sources)).toBeNull();
    expect(
      readIncidentRendering({ v: RENDER_VERSION, hash: stored.hash, content: { narrative: { html: 1 } } }, sources),
    ).toBeNull();
    const runbook = JSON.parse(JSON.stringify(await renderRunbook('# Body\n')));
    expect(readRunbookRendering(runbook, '# Body\n')?.body.html).toContain('Body');
    expect(readRunbookRendering(runbook, '# Changed\n')).toBeNull();
  });
});

describe('markdown fields of the incident document', () => {
  const base = {
    slug: 'arp-cache-lost',
    title: 'ARP cache lost',
    severity: 'SEV3',
    status: 'draft',
    startedAt: '2024-08-01T10:00:00Z',
  };

  it('refuses unrenderable narrative and lessons as field errors', () => {
    const result = incidentDocumentSchema.safeParse({
      ...base,
      narrative: `${'>'.repeat(50_000)} x`,
      lessons: '*a'.repeat(15_000),
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toContainEqual(['narrative', 'The narrative nests block quotes 50,000 deep; at most 32 are allowed.']);
    expect(issues).toContainEqual(['lessons', expect.stringMatching(/^The lessons text has 15,000 emphasis or code marks/)]);
  });

  it('accepts ordinary markdown', () => {
    expect(
      incidentDocumentSchema.safeParse({
        ...base,
        narrative: '> quoted\n\n- **bold** [link](#why)\n',
        lessons: '_Keep_ static neighbours.',
      }).success,
    ).toBe(true);
  });
});
