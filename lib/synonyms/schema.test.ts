import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSynonymsFile, SynonymsFileError } from './file';
import { createGroupSchema, updateGroupSchema } from './schema';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('content/synonyms.yaml', () => {
  it('is valid and holds the groups the issue names', () => {
    const groups = parseSynonymsFile(readFileSync(path.join(ROOT, 'content/synonyms.yaml'), 'utf8'));
    expect(groups.length).toBeGreaterThanOrEqual(36);
    for (const pair of [
      ['vm', 'virtual machine'],
      ['k8s', 'kubernetes'],
      ['gw', 'gateway'],
      ['oom', 'out of memory'],
      ['dns', 'resolver'],
      ['nic', 'network interface'],
    ])
      expect(
        groups.some((g) => pair.every((t) => g.includes(t))),
        pair.join(' / '),
      ).toBe(true);
  });
});

describe('parseSynonymsFile', () => {
  const bad = (text: string) => () => parseSynonymsFile(text);

  it('normalizes terms', () => {
    expect(parseSynonymsFile('version: 1\ngroups:\n  - [" K8s ", Kubernetes]\n')).toEqual([['k8s', 'kubernetes']]);
  });

  it('refuses a term in two groups, a lone term, unknown keys and an alias bomb; never builds objects from tags', () => {
    expect(bad('version: 1\ngroups:\n  - [vm, virtual machine]\n  - [vm, box]\n')).toThrow(/"vm" is already in group 1/);
    expect(bad('version: 1\ngroups:\n  - [vm]\n')).toThrow(/at least two terms/);
    expect(bad('version: 1\ngroups: []\nextra: 1\n')).toThrow(SynonymsFileError);
    // An unknown tag is only a warning in `yaml`: the value stays the plain string.
    expect(parseSynonymsFile('version: 1\ngroups:\n  - [!!js/function "x", y]\n')).toEqual([['x', 'y']]);
    const bomb = ['version: 1', 'a: &a [x, y]', ...Array.from({ length: 60 }, (_, i) => `b${i}: [*a, *a]`)].join('\n');
    expect(bad(bomb)).toThrow(SynonymsFileError);
  });
});

describe('the admin form', () => {
  it('splits terms on commas and new lines, and names the field of a problem', () => {
    expect(createGroupSchema.parse({ terms: 'lb, Load  Balancer\nlbs' }).terms).toEqual(['lb', 'load balancer', 'lbs']);
    const twice = createGroupSchema.safeParse({ terms: 'lb, LB' });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['terms'], message: '"lb" is listed twice.' });
    const quote = createGroupSchema.safeParse({ terms: "lb, 'x' | y" });
    expect(quote.error?.issues[0]?.path).toEqual(['terms', 1]);
    expect(createGroupSchema.safeParse({ terms: 'lb\u0000, x' }).success).toBe(false);
  });

  it('needs the version the form was loaded with', () => {
    expect(updateGroupSchema.safeParse({ groupId: 'g', terms: 'a, b' }).success).toBe(false);
    expect(updateGroupSchema.parse({ groupId: 'g', version: '3', terms: 'a, b' }).version).toBe(3);
  });
});
