import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, optionalCorpus } from '@/tests/corpora';
import { entryToIncident, parseLinkList, slugForEntry, slugifyTag, splitList, yearOf } from './link-list';

const summaries = `# A list

## Table of Contents
 - **[Config Errors](#config-errors)**

## Config Errors

[Acme](https://example.com/2019/05/outage). A bad config pushed to every router crashed all of them at once.

[Broken](https://example.com/broken. The link never closes.

[Globex](https://example.com/a), [see also](https://example.com/b). The database hit the integer limit and went read-only.

[NoSummary](https://example.com/c)

*A note in italics between entries.*

[Acme](https://example.com/2019/05/outage). The same write-up listed twice.

## Other lists of postmortems

[Somebody's list](https://example.com/list)
`;

const stories = `# Stories

* [Missing packets - MegaCorp - blog post 2020](https://example.com/packets)
    * involved: EKS, AWS CNI Plugin, \`ndots:5\`, Alias IP VPC (VPC Native)
    * impact: Frequent connection failures, high latency
* [No impact line - Initech - talk 2019](https://example.com/talk)
    * involved: etcd
* [Bad link - Nobody - 2019](not-a-url)
    * impact: nothing
* [Pods evicted - Hooli - postmortem 2018](https://example.com/evict)
    * impact: cascading Pod evictions

# Why

Prose about the list, with [a link](https://example.com/why) inside.
`;

describe('parseLinkList: summary paragraphs under category headings', () => {
  const { entries, errors } = parseLinkList(summaries);

  it('reads good entries with their category and summary', () => {
    expect(entries.map((e) => e.name)).toEqual(['Acme', 'Globex']);
    expect(entries[0]).toMatchObject({ line: 8, url: 'https://example.com/2019/05/outage', category: 'Config Errors' });
    expect(entries[1]!.summary).toBe('The database hit the integer limit and went read-only.');
  });

  it('reports malformed entries by line number and skips them', () => {
    expect(errors.map((e) => e.line)).toEqual([10, 14, 18]);
    expect(errors[0]!.message).toMatch(/markdown link/);
    expect(errors[1]!.message).toMatch(/no summary/);
    expect(errors[2]!.message).toMatch(/same link as the entry on line 8/);
  });

  it('ignores the table of contents and the lists of lists', () => {
    expect(entries.some((e) => e.url.includes('list'))).toBe(false);
  });
});

describe('parseLinkList: linked titles with involved/impact bullets', () => {
  const { entries, errors } = parseLinkList(stories);

  it('reads involved and impact lines', () => {
    expect(entries.map((e) => e.line)).toEqual([3, 10]);
    expect(entries[0]!.involved).toEqual(['EKS', 'AWS CNI Plugin', 'ndots:5', 'Alias IP VPC (VPC Native)']);
    expect(entries[0]!.impact).toBe('Frequent connection failures, high latency');
  });

  it('reports an entry without impact and a bad link, by line', () => {
    expect(errors).toEqual([
      { line: 6, message: 'entry has no "impact:" line' },
      { line: 8, message: expect.stringMatching(/markdown link/) },
    ]);
  });
});

describe('entryToIncident', () => {
  it('maps a story: title, org as service, involved as tags, impact as symptoms, year from the title', () => {
    const [entry] = parseLinkList(stories).entries;
    const { data } = entryToIncident(entry!, 'stories.md');
    expect(data.title).toBe('Missing packets');
    expect(data.services).toEqual(['MegaCorp']);
    expect(data.tags).toEqual(['stories', 'eks', 'aws-cni-plugin', 'ndots-5', 'alias-ip-vpc-vpc-native']);
    expect(data.symptoms).toEqual(['Frequent connection failures', 'high latency']);
    expect(data.startedAt?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(data.source).toBe('https://example.com/packets');
  });

  it('maps a summary entry: company in the title, first sentence as the symptom, year from the URL', () => {
    const [entry] = parseLinkList(summaries).entries;
    const { data, hash } = entryToIncident(entry!, 'list.md');
    expect(data.title).toBe('Acme: A bad config pushed to every router crashed all of them at once.');
    expect(data.tags).toEqual(['config-errors']);
    expect(data.startedAt?.getUTCFullYear()).toBe(2019);
    expect(entryToIncident(entry!, 'list.md').hash).toBe(hash);
  });

  it('tags entries without a year as date-unknown', () => {
    const globex = parseLinkList(summaries).entries[1]!;
    expect(entryToIncident(globex, 'list.md').data.tags).toContain('date-unknown');
  });
});

describe('helpers', () => {
  it('slugifies tags to the content tag pattern', () => {
    for (const raw of ['`--kube-api-qps`', 'ndots:5', '"graceful shutdown"', 'Hardware/Power Failures', 'Ünïcode Çase', 'C++']) {
      expect(slugifyTag(raw)).toMatch(/^[a-z0-9][a-z0-9.+-]*$/);
    }
    expect(slugifyTag('Hardware/Power Failures')).toBe('hardware-power-failures');
  });

  it('derives stable slugs from the URL', () => {
    const a = slugForEntry({ name: 'Cloudflare', url: 'https://x.test/1' });
    expect(a).toMatch(/^cloudflare-[0-9a-f]{8}$/);
    expect(slugForEntry({ name: 'Cloudflare', url: 'https://x.test/1' })).toBe(a);
    expect(slugForEntry({ name: 'Cloudflare', url: 'https://x.test/2' })).not.toBe(a);
  });

  it('splits on top-level commas only', () => {
    expect(splitList('a, b (c, d), `e`')).toEqual(['a', 'b (c, d)', 'e']);
  });

  it('finds years but not version numbers or IPs', () => {
    expect(yearOf('blog post 2019')).toBe(2019);
    expect(yearOf('10.43.2012.1', 'v2.2015.3')).toBeUndefined();
  });
});

/** Parses a whole list: every entry valid, every slug distinct, at least `min` entries. */
function expectValidList(file: string, min: number) {
  const { entries, errors } = parseLinkList(readFileSync(file, 'utf8'));
  expect(errors).toEqual([]);
  expect(entries.length).toBeGreaterThanOrEqual(min);
  const slugs = new Set(entries.map((e) => entryToIncident(e, 'list.md').data.slug));
  expect(slugs.size).toBe(entries.length);
  return entries;
}

describe('our sample lists (tests/fixtures/link-lists)', () => {
  it('outage-summaries.md: six write-ups under their categories, the list of lists left out', () => {
    const entries = expectValidList(fixture('link-lists/outage-summaries.md'), 6);
    expect(entries.map((e) => [e.name, e.category])).toEqual([
      ['Northwind', 'Config Errors'],
      ['Quayside', 'Config Errors'],
      ['Larkspur', 'Database'],
      ['Ferrovia', 'Database'],
      ['Brightwater', 'Hardware/Power Failures'],
      ['Meridian', 'Time'],
    ]);
  });

  it('cluster-stories.md: five stories with involved and impact, prose after them ignored', () => {
    const entries = expectValidList(fixture('link-lists/cluster-stories.md'), 5);
    expect(entries).toHaveLength(5);
    const { data } = entryToIncident(entries[3]!, 'cluster-stories.md');
    expect(data.services).toEqual(['Pinecrest']);
    expect(data.tags).toEqual(['cluster-failure-stories', 'etcd', 'quota-backend-bytes', 'defragmentation']);
    expect(data.startedAt?.getUTCFullYear()).toBe(2019);
  });
});

describe.each([
  ['danluu-post-mortems.md', 180],
  ['k8s-failure-stories.md', 50],
] as const)('the shared corpus %s (only beside the CI checkout)', (name, min) => {
  const file = optionalCorpus(name);
  it.skipIf(!file)(`parses into at least ${min} valid incidents`, () => {
    expectValidList(file!, min);
  });
});
