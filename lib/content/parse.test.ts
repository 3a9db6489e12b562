import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, parseIncident, parseRunbook } from './parse';

const CONTENT = path.resolve(import.meta.dirname, '../../content');

const minimal = (fm: string, body = 'Narrative.') => `---\n${fm}\n---\n${body}\n`;
const good = `slug: disk-full-2024
title: Disk filled up on db1
summary: The WAL volume filled up.
severity: SEV3
status: resolved
timezone: Europe/Paris
startedAt: "2024-05-01T10:00:00+02:00"
detectedAt: "2024-05-01T10:05:00+02:00"
resolvedAt: "2024-05-01T11:00:00+02:00"
services: [db1]
tags: [postgres, disk]
symptoms:
  - writes fail with "No space left on device"
timeline:
  - at: "2024-05-01T10:05:00+02:00"
    kind: detection
    text: Alert fired.
resolutionSteps:
  - text: Check free space.
    command: df -h /var/lib/postgresql
actionItems:
  - text: Alert at 80 percent.
    due: "2024-06-01"`;

function errorOf(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error('expected a ContentError');
}

describe('parseIncident', () => {
  it('parses a valid file and keeps the instant of an offset time', () => {
    const { data, narrative } = parseIncident('disk-full-2024.md', minimal(good));
    expect(data.startedAt?.toISOString()).toBe('2024-05-01T08:00:00.000Z');
    expect(data.timezone).toBe('Europe/Paris');
    expect(data.resolutionSteps[0]?.command).toBe('df -h /var/lib/postgresql');
    expect(data.actionItems[0]?.status).toBe('open');
    expect(data.rootCause).toBe('unknown');
    expect(narrative.trim()).toBe('Narrative.');
  });

  it.each([
    ['severity', good.replace('severity: SEV3', 'severity: SEV9')],
    ['startedAt', good.replace('"2024-05-01T10:00:00+02:00"', '"2024-05-01 10:00"')],
    ['startedAt', good.replace('startedAt: "2024-05-01T10:00:00+02:00"', 'startedAt: "2024-05-01T10:00:00"')],
    ['timezone', good.replace('Europe/Paris', 'Mars/Olympus')],
    ['symptoms', good.replace('symptoms:\n  - writes fail with "No space left on device"', 'symptoms: []')],
    ['timeline.0.kind', good.replace('kind: detection', 'kind: panic')],
    ['timeline.0.text', good.replace('text: Alert fired.', 'text: ""')],
    ['actionItems.0.due', good.replace('"2024-06-01"', '"next week"')],
    // Capitals and spaces are normalised (see below); punctuation alone is no tag.
    ['tags.0', good.replace('[postgres, disk]', '["***"]')],
    ['resolvedAt', good.replace('resolvedAt: "2024-05-01T11:00:00+02:00"', 'resolvedAt: "2024-05-01T09:00:00+02:00"')],
    ['colour', `${good}\ncolour: blue`],
  ])('names the bad field %s and the file', (field, fm) => {
    const err = errorOf(() => parseIncident('incidents/disk-full-2024.md', minimal(fm)));
    expect(err.file).toBe('incidents/disk-full-2024.md');
    expect(err.message).toContain('incidents/disk-full-2024.md');
    if (field === 'colour') expect(err.message).toMatch(/colour/);
    else expect(err.field).toBe(field);
  });

  it('reads tags in the spelling the form gives them: "Disk Full" is disk-full', () => {
    const { data } = parseIncident('incidents/disk-full-2024.md', minimal(good.replace('[postgres, disk]', '[Postgres, Disk Full]')));
    expect(data.tags).toEqual(['postgres', 'disk-full']);
  });

  it('requires the slug to match the file name', () => {
    expect(errorOf(() => parseIncident('other-name.md', minimal(good))).field).toBe('slug');
  });

  it('rejects a file without frontmatter or with broken YAML', () => {
    expect(errorOf(() => parseIncident('x.md', '# Just markdown\n')).message).toMatch(/frontmatter/);
    expect(errorOf(() => parseIncident('x.md', minimal('title: [unclosed'))).message).toMatch(/frontmatter/);
  });
});

describe('front matter is YAML, nothing else', () => {
  // Each body would throw, or set a global, if any engine evaluated it.
  const evaluating = 'globalThis.__pmkbPwned = true; throw new Error("evaluated")';

  it.each(['---js', '---javascript', '---coffee', '---json', '--- yaml', '---yaml', '---  js'])(
    'refuses %s front matter by field without evaluating it',
    (opening) => {
      const err = errorOf(() => parseIncident('disk-full-2024.md', `${opening}\n${evaluating}\n---\nNarrative.\n`));
      expect(err.field).toBe('frontmatter');
      expect(err.detail).toMatch(/only YAML frontmatter/);
      expect((globalThis as { __pmkbPwned?: boolean }).__pmkbPwned).toBeUndefined();
    },
  );

  it('refuses a js block even when its object literal is valid incident front matter', () => {
    const js = `---js\n{ slug: (globalThis.__pmkbPwned = "disk-full-2024"), title: "x" }\n---\n`;
    expect(errorOf(() => parseIncident('disk-full-2024.md', js)).field).toBe('frontmatter');
    expect((globalThis as { __pmkbPwned?: unknown }).__pmkbPwned).toBeUndefined();
  });

  it('accepts a byte-order mark, CRLF line endings and spaces after the fences', () => {
    const crlf = `\uFEFF---  \r\n${good.replace(/\n/g, '\r\n')}\r\n--- \r\nLine one.\r\nLine two.\r\n`;
    const { data, narrative } = parseIncident('disk-full-2024.md', crlf);
    expect(data.slug).toBe('disk-full-2024');
    expect(narrative).toBe('Line one.\nLine two.\n');
  });

  it('keeps a "---" inside the body as body text (a markdown rule)', () => {
    const { narrative } = parseIncident('disk-full-2024.md', minimal(good, 'Before.\n\n---\n\nAfter.'));
    expect(narrative).toBe('Before.\n\n---\n\nAfter.\n');
  });

  it('refuses an unclosed block, a list and a scalar', () => {
    expect(errorOf(() => parseIncident('x.md', `---\n${good}\n`)).detail).toMatch(/not closed/);
    expect(errorOf(() => parseIncident('x.md', minimal('- a\n- b'))).detail).toMatch(/mapping/);
    expect(errorOf(() => parseIncident('x.md', minimal('just a string'))).detail).toMatch(/mapping/);
  });

  it('reads unknown YAML tags as plain text, never as code', () => {
    const err = errorOf(() => parseIncident('disk-full-2024.md', minimal(`${good}\nhook: !!js/function "function () { globalThis.__pmkbPwned = 1 }"`)));
    expect(err.message).toMatch(/hook/);
    expect((globalThis as { __pmkbPwned?: unknown }).__pmkbPwned).toBeUndefined();
  });

  it('refuses a YAML alias bomb quickly', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((k, i) => {
        const prev = String.fromCharCode(97 + i);
        return `${k}: &${k} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
    ].join('\n');
    const started = performance.now();
    const err = errorOf(() => parseIncident('x.md', minimal(bomb)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(err.field).toBe('frontmatter');
    expect(err.detail).toMatch(/alias/i);
  });

  it('refuses duplicate keys instead of keeping the last one', () => {
    expect(errorOf(() => parseIncident('disk-full-2024.md', minimal(`${good}\ntitle: Again`))).field).toBe('frontmatter');
  });
});

describe('the shipped content', () => {
  it.each(readdirSync(path.join(CONTENT, 'incidents')))('incidents/%s is valid', (file) => {
    const { data } = parseIncident(file, readFileSync(path.join(CONTENT, 'incidents', file), 'utf8'));
    const times = data.timeline.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
  it.each(readdirSync(path.join(CONTENT, 'runbooks')))('runbooks/%s is valid', (file) => {
    expect(parseRunbook(file, readFileSync(path.join(CONTENT, 'runbooks', file), 'utf8')).body.length).toBeGreaterThan(100);
  });
  it('keeps the commands and facts of the seed documents', () => {
    const gs14 = readFileSync(path.join(CONTENT, 'incidents/gs14-host-network-loss-2020-10.md'), 'utf8');
    for (const s of ['ip route delete default', 'systemctl restart IPIPDirect', '172.18.0.0/16']) expect(gs14).toContain(s);
    const ovh = readFileSync(path.join(CONTENT, 'incidents/ovh-reverse-proxy-ip-lost-2024-08.md'), 'utf8');
    for (const s of ['ip neigh', '193.70.55.1', 'FAILED']) expect(ovh).toContain(s);
    const cluster = readFileSync(path.join(CONTENT, 'incidents/cluster-networking-failure-2023-04.md'), 'utf8');
    for (const s of ['10.43.0.1', 'Multus', 'Cilium']) expect(cluster).toContain(s);
  });
});
