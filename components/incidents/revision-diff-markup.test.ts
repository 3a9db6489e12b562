// The history diff as the server renders it: a named region, one list item per
// changed field or entry, changed words in ins/del (what screen readers, print
// and the e2e spec rely on), unchanged words as plain text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { diffRevisionFields } from '@/lib/incidents/field-diff';
import { RevisionDiff } from './RevisionDiff';

const snapshot = (title: string, services: string[]) => ({
  slug: 'disk-full',
  title,
  summary: 'S.',
  severity: 'SEV3',
  status: 'resolved',
  draft: false,
  timezone: 'UTC',
  startedAt: '2024-05-01T10:00:00+00:00',
  services,
  symptoms: ['writes fail'],
  timeline: [{ at: '2024-05-01T10:05:00+00:00', kind: 'detection', text: 'Alert.' }],
});

const render = (changes: ReturnType<typeof diffRevisionFields>) =>
  renderToStaticMarkup(createElement(RevisionDiff, { changes, label: 'Differences between version 1 and version 2' }));

describe('RevisionDiff', () => {
  it('renders each changed field as a list item with its words marked', () => {
    const html = render(diffRevisionFields(snapshot('Disk full on db1', ['a', 'b']), snapshot('Disk full on db2', ['b', 'a'])));
    expect(html).toContain('aria-label="Differences between version 1 and version 2"');
    expect(html.match(/<li/g)).toHaveLength(1);
    expect(html).toContain('Title <span');
    expect(html).toMatch(/<span>Disk full on <\/span><del[^>]*>db1<\/del><ins[^>]*>db2<\/ins>/);
  });

  it('says so when nothing changed', () => {
    expect(render([])).toContain('These two versions are identical.');
  });
});
