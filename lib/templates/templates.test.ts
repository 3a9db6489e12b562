// The templates shipped in content/templates parse, and become a draft form
// that keeps their prompts and categories (issue 17 item 4).
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { incidentFormSchema } from '@/lib/incidents/form';
import { templateToForm } from './to-form';

vi.mock('server-only', () => ({}));
const { listTemplates } = await import('./queries');
const DIR = path.resolve(import.meta.dirname, '../../content/templates');

describe('content/templates', () => {
  it('offers the default, vendor-outage and change-induced templates, default first', async () => {
    const templates = await listTemplates(DIR);
    expect(templates.map((t) => t.slug)).toEqual(['default', 'vendor-outage', 'change-induced-outage']);
    const vendor = templates[1]!;
    expect(vendor.frontmatter.trigger).toBe('dependency-or-vendor');
    expect(vendor.narrative).toMatch(/## Waiting on the provider/);
  });

  it('fills the form, which saves as a draft once titled and dated', async () => {
    const change = (await listTemplates(DIR)).find((t) => t.slug === 'change-induced-outage')!;
    const form = templateToForm(change.frontmatter, change.narrative, 'Ana');
    expect(form).toMatchObject({ draft: true, author: 'Ana', trigger: 'binary-or-config-push', rootCause: 'known' });
    expect(form.contributingFactors[0]).toMatchObject({ title: 'The change itself', category: 'binary-or-config-push' });
    expect(form.timeline.every((e) => e.at === '')).toBe(true);
    // Timeline rows have no time yet: the author fills them in; without them the draft still saves.
    const parsed = incidentFormSchema.safeParse({
      ...form,
      slug: 'from-template',
      title: 'From a template',
      startedAt: '2024-01-01 10:00',
      timeline: [],
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.contributingFactors.map((f) => f.category)).toEqual([
      'binary-or-config-push',
      'process',
      'hardware-or-network',
    ]);
  });
});
