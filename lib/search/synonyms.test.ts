import { describe, expect, it } from 'vitest';
import { alsoSearched, compileThesaurus, expandWords, expandedWords, normalizeTerm } from './synonyms';

const thesaurus = compileThesaurus([
  ['k8s', 'kubernetes'],
  ['vm', 'virtual machine'],
  ['oom', 'out of memory'],
  ['nic', 'network interface'],
  ['net', 'network'],
  ['pg', 'postgres', 'postgresql'],
  ['ha', 'high availability'],
  ['cert', 'certificate'],
]);
const words = (q: string) => q.toLowerCase().split(' ');

describe('expandWords', () => {
  it('expands a typed abbreviation to its long form', () => {
    expect(expandWords(words('k8s node not ready'), thesaurus)).toEqual([{ typed: 'k8s', added: ['kubernetes'] }]);
  });

  it('expands in both directions, phrases included', () => {
    expect(expandWords(words('kubernetes node'), thesaurus)).toEqual([{ typed: 'kubernetes', added: ['k8s'] }]);
    expect(expandWords(words('virtual machine paused'), thesaurus)).toEqual([{ typed: 'virtual machine', added: ['vm'] }]);
    expect(expandWords(words('pod killed out of memory'), thesaurus)).toEqual([{ typed: 'out of memory', added: ['oom'] }]);
    expect(expandWords(words('oom killer'), thesaurus)).toEqual([{ typed: 'oom', added: ['out of memory'] }]);
  });

  it('adds every other term of a group of three', () => {
    expect(expandWords(words('pg replication lag'), thesaurus)).toEqual([{ typed: 'pg', added: ['postgres', 'postgresql'] }]);
  });

  it('prefers the longest term: "network interface" is not "network"', () => {
    expect(expandWords(words('network interface flapping'), thesaurus)).toEqual([{ typed: 'network interface', added: ['nic'] }]);
    expect(expandWords(words('network down'), thesaurus)).toEqual([{ typed: 'network', added: ['net'] }]);
  });

  it('does not expand twice: a group once, a term already typed not again, expansions not expanded', () => {
    expect(expandWords(words('k8s kubernetes'), thesaurus)).toEqual([]);
    expect(expandWords(words('vm vm'), thesaurus)).toEqual([{ typed: 'vm', added: ['virtual machine'] }]);
    // "network interface" is added for "nic", but "network" in it is not expanded to "net".
    expect(expandWords(words('nic'), thesaurus)).toEqual([{ typed: 'nic', added: ['network interface'] }]);
  });

  it('leaves unknown words and partial phrases alone', () => {
    expect(expandWords(words('zookeeper quorum lost'), thesaurus)).toEqual([]);
    expect(expandWords(words('virtual memory'), thesaurus)).toEqual([]);
    expect(expandWords(words('out of disk'), thesaurus)).toEqual([]);
    expect(expandWords(words('k8sx kube'), thesaurus)).toEqual([]);
  });

  it('matches a plural, but not a short word that turns into another word', () => {
    expect(expandWords(words('vms rebooted'), thesaurus)).toEqual([{ typed: 'vms', added: ['virtual machine'] }]);
    expect(expandWords(words('expired certs'), thesaurus)).toEqual([{ typed: 'certs', added: ['certificate'] }]);
    expect(expandWords(words('it has failed'), thesaurus)).toEqual([]);
  });

  it('does not add a term the query excludes', () => {
    expect(expandWords(words('k8s'), thesaurus, ['kubernetes'])).toEqual([]);
  });

  it('does nothing without a thesaurus', () => {
    expect(expandWords(words('k8s'), compileThesaurus([]))).toEqual([]);
  });
});

describe('helpers', () => {
  it('lists what was also searched once, and the typed words covered', () => {
    const exp = expandWords(words('pg oom'), thesaurus);
    expect(alsoSearched(exp)).toEqual(['postgres', 'postgresql', 'out of memory']);
    expect([...expandedWords(expandWords(words('out of memory'), thesaurus))]).toEqual(['out', 'of', 'memory']);
  });

  it('normalizes terms to one spelling', () => {
    expect(normalizeTerm('  Virtual\tMachine ')).toBe('virtual machine');
  });
});
