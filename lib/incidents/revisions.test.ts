import { describe, expect, it } from 'vitest';
import { differingFields } from './compare';
import { emptyIncidentForm } from './form';
import { snapshotToDocument } from './revisions';

const snapshot = (title: string) => ({
  slug: 'disk-full',
  title,
  summary: 'S.',
  severity: 'SEV3',
  status: 'resolved',
  timezone: 'UTC',
  startedAt: '2024-05-01T10:00:00+00:00',
  services: ['db1'],
  symptoms: ['writes fail'],
  timeline: [{ at: '2024-05-01T10:05:00+00:00', kind: 'detection', text: 'Alert.' }],
  actionItems: [{ text: 'Alert earlier', due: '2024-06-01T00:00:00.000Z', status: 'open' }],
  narrative: 'Story.',
});

describe('revisions', () => {
  it('reads snapshots, including the older format with full instants as due dates', () => {
    expect(snapshotToDocument(snapshot('A'))?.actionItems[0]?.due?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(snapshotToDocument({ title: 'partial' })).toBeNull();
  });

  it('reads a snapshot saved as `status: draft` as a draft under investigation', () => {
    expect(snapshotToDocument({ ...snapshot('A'), status: 'draft' })).toMatchObject({ draft: true, status: 'investigating' });
    expect(snapshotToDocument(snapshot('A'))).toMatchObject({ draft: false, status: 'resolved' });
  });

  it('lists the fields that differ between two versions of the form', () => {
    const mine = { ...emptyIncidentForm(), title: 'Mine', symptoms: [{ key: 'a', value: 'one' }] };
    const current = { ...emptyIncidentForm(), title: 'Theirs', symptoms: [{ key: 'b', value: 'one' }] };
    expect(differingFields(mine, current)).toEqual([{ field: 'title', label: 'Title', mine: 'Mine', current: 'Theirs' }]);
  });
});
