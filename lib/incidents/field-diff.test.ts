import { describe, expect, it } from 'vitest';
import { diffRevisionFields, wordParts } from './field-diff';

const snapshot = (over: Record<string, unknown> = {}) => ({
  slug: 'disk-full',
  title: 'Disk full on db1',
  summary: 'The WAL volume filled up.',
  severity: 'SEV3',
  status: 'resolved',
  draft: false,
  timezone: 'Europe/Paris',
  startedAt: '2024-05-01T10:00:00+02:00',
  services: ['db1', 'api', 'queue'],
  tags: ['postgres', 'disk'],
  symptoms: ['writes fail', 'replication lag grows'],
  timeline: [
    { at: '2024-05-01T10:05:00+02:00', kind: 'detection', text: 'Alert fired.' },
    { at: '2024-05-01T10:30:00+02:00', kind: 'action', text: 'Old WAL segments removed.' },
  ],
  narrative: 'First paragraph.\n\nSecond paragraph about the disk.\n',
  ...over,
});

describe('field-level revision diff', () => {
  it('reports nothing for identical revisions', () => {
    expect(diffRevisionFields(snapshot(), snapshot())).toEqual([]);
  });

  it('ignores services and tags re-sorted, and names what really came and went', () => {
    expect(diffRevisionFields(snapshot(), snapshot({ services: ['queue', 'db1', 'api'], tags: ['disk', 'postgres'] }))).toEqual(
      [],
    );
    const changes = diffRevisionFields(snapshot(), snapshot({ services: ['api', 'db1', 'cache'], tags: ['disk', 'postgres'] }));
    expect(changes).toEqual([
      { label: 'Affected services', change: 'removed', parts: [{ kind: 'removed', text: 'queue' }] },
      { label: 'Affected services', change: 'added', parts: [{ kind: 'added', text: 'cache' }] },
    ]);
  });

  it('highlights the changed words of a field, keeping the rest', () => {
    const [title, ...rest] = diffRevisionFields(snapshot(), snapshot({ title: 'Disk full on db2' }));
    expect(rest).toEqual([]);
    expect(title).toEqual({
      label: 'Title',
      change: 'changed',
      parts: [
        { kind: 'same', text: 'Disk full on ' },
        { kind: 'removed', text: 'db1' },
        { kind: 'added', text: 'db2' },
      ],
    });
  });

  it('shows one timeline entry edited and one added, each under its own label', () => {
    const timeline = [
      { at: '2024-05-01T10:05:00+02:00', kind: 'detection', text: 'Alert fired.' },
      { at: '2024-05-01T10:20:00+02:00', kind: 'diagnosis', text: 'df shows 100%.' },
      { at: '2024-05-01T10:30:00+02:00', kind: 'action', text: 'Old WAL segments archived.' },
    ];
    const changes = diffRevisionFields(snapshot(), snapshot({ timeline }));
    expect(changes.map((c) => [c.label, c.change])).toEqual([
      ['Timeline entry 2', 'added'],
      ['Timeline entry 3', 'changed'],
    ]);
    // Matched by content: the untouched first entry is not reported.
    expect(changes.some((c) => c.label === 'Timeline entry 1')).toBe(false);
    expect(changes[1]!.parts).toEqual([
      { kind: 'same', text: '2024-05-01 10:30 · action · Old WAL segments ' },
      { kind: 'removed', text: 'removed' },
      { kind: 'added', text: 'archived' },
      { kind: 'same', text: '.' },
    ]);
    expect(changes[0]!.parts).toEqual([{ kind: 'added', text: '2024-05-01 10:20 · diagnosis · df shows 100%.' }]);
  });

  it('compares the narrative paragraph by paragraph', () => {
    const changes = diffRevisionFields(
      snapshot(),
      snapshot({ narrative: 'First paragraph.\n\nSecond paragraph about the full disk.\n' }),
    );
    expect(changes).toEqual([
      {
        label: 'Narrative paragraph 2',
        change: 'changed',
        parts: [
          { kind: 'same', text: 'Second paragraph about the ' },
          { kind: 'added', text: 'full ' },
          { kind: 'same', text: 'disk.' },
        ],
      },
    ]);
  });

  it('shows a draft published, and a status kept across it', () => {
    const changes = diffRevisionFields(snapshot({ draft: true, status: 'mitigated' }), snapshot({ status: 'mitigated' }));
    expect(changes.map((c) => c.label)).toEqual(['Draft']);
  });

  it('falls back to whole texts when two entries have little in common', () => {
    const long = (w: string) => Array.from({ length: 500 }, (_, i) => `${w}${i}`).join(' ');
    expect(wordParts(long('a'), long('b'))).toEqual([
      { kind: 'removed', text: long('a') },
      { kind: 'added', text: long('b') },
    ]);
  });
});
