import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIncident } from '@/lib/content/parse';
import { serializeIncident } from './document';

const DIR = path.resolve(import.meta.dirname, '../../content/incidents');

describe('export in the content format', () => {
  it.each(readdirSync(DIR).filter((f) => f.endsWith('.md')))(
    '%s exports to a file that parses back to the same incident',
    (file) => {
      const original = parseIncident(file, readFileSync(path.join(DIR, file), 'utf8'));
      const doc = { ...original.data, narrative: original.narrative };
      const exported = serializeIncident(doc);
      const again = parseIncident(file, exported);
      expect({ ...again.data, narrative: again.narrative }).toEqual(doc);
      // Exporting the export changes nothing: the format is canonical.
      expect(serializeIncident({ ...again.data, narrative: again.narrative })).toBe(exported);
    },
  );

  it('writes times with the incident zone offset, quoted, and labels inline', () => {
    const file = 'gs14-host-network-loss-2020-10.md';
    const { data, narrative } = parseIncident(file, readFileSync(path.join(DIR, file), 'utf8'));
    const text = serializeIncident({ ...data, narrative });
    expect(text).toMatch(/^---\nslug: gs14-host-network-loss-2020-10\n/);
    expect(text).toContain('startedAt: "2020-10-14T13:50:00-05:00"\n');
    expect(text).toContain('tags: [networking, docker, routing, ipip, anycast, kvm, game-servers]\n');
    expect(text).toContain('---\n## What happened\n');
  });
});
