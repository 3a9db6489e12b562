import { describe, expect, it } from 'vitest';
import type { IncidentDocument } from '@/lib/content/schema';
import { serializeIncident } from './document';
import { parseUpload } from './import';

describe('reading an uploaded incident file', () => {
  it('reports every bad field at once', () => {
    const r = parseUpload(
      '---\nslug: Not A Slug\ntitle: ""\nseverity: SEV9\nstatus: resolved\nstartedAt: "2024-01-01 10:00"\nextra: 1\n---\nBody',
    );
    expect(r.ok).toBe(false);
    expect(Object.keys(!r.ok ? r.fieldErrors : {}).sort()).toEqual(
      expect.arrayContaining(['severity', 'slug', 'startedAt', 'title']),
    );
  });
  it('says when there is no frontmatter', () => {
    expect(parseUpload('just text')).toEqual({ ok: false, fieldErrors: { frontmatter: [expect.stringMatching(/frontmatter/)] } });
  });
  it.each(['---js', '---javascript', '---coffee'])('refuses %s front matter by field and runs nothing', (opening) => {
    const source = `${opening}\nglobalThis.__pmkbImported = true; ({ slug: "js-front-matter", title: "x", severity: "SEV3", status: "draft", startedAt: "2024-01-01T10:00:00+01:00" })\n---\nBody\n`;
    expect(parseUpload(source)).toEqual({
      ok: false,
      fieldErrors: { frontmatter: [expect.stringMatching(/only YAML frontmatter/)] },
    });
    expect((globalThis as { __pmkbImported?: boolean }).__pmkbImported).toBeUndefined();
  });
  it('accepts a draft with only the basics', () => {
    const r = parseUpload(
      '---\nslug: early-draft\ntitle: Early\nseverity: SEV3\nstatus: draft\nstartedAt: "2024-01-01T10:00:00+01:00"\n---\n',
    );
    expect(r.ok && r.document.startedAt?.toISOString()).toBe('2024-01-01T09:00:00.000Z');
  });

  it('imports an old file saying `status: draft` as a draft under investigation (decision 031)', () => {
    const r = parseUpload('---\nslug: old-draft\ntitle: Old\nseverity: SEV3\nstatus: draft\n---\n');
    expect(r.ok && r.document).toMatchObject({ draft: true, status: 'investigating' });
    expect(r.ok && r.document.startedAt).toBeUndefined();
    // Doubt keeps it private: both spellings at once are still a draft.
    const both = parseUpload('---\nslug: old-draft\ntitle: Old\nseverity: SEV3\nstatus: draft\ndraft: false\n---\n');
    expect(both.ok && both.document.draft).toBe(true);
  });

  it('carries `draft` beside `status`, and an exported draft imports as the same draft', () => {
    const r = parseUpload('---\nslug: new-draft\ntitle: New\nseverity: SEV3\nstatus: mitigated\ndraft: true\n---\n');
    expect(r.ok && r.document).toMatchObject({ draft: true, status: 'mitigated' });
    const file = serializeIncident((r as { document: IncidentDocument }).document);
    expect(file).toMatch(/\nstatus: mitigated\ndraft: true\n/);
    expect(parseUpload(file)).toEqual(r);
  });

  it('refuses to publish a file without a start time', () => {
    const r = parseUpload('---\nslug: no-start\ntitle: New\nseverity: SEV3\nstatus: resolved\n---\n');
    expect(r.ok ? {} : r.fieldErrors).toMatchObject({ startedAt: ['Required to publish.'] });
  });
});
