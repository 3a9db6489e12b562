import { describe, expect, it } from 'vitest';
import { slugifyTag, slugifyTagTyping } from './tag';

describe('slugifyTag', () => {
  it.each([
    ['Disk Full', 'disk-full'],
    ['  Disk   Full  ', 'disk-full'],
    ['DNS_failover', 'dns-failover'],
    ['Réseau', 'reseau'],
    ['IPv4', 'ipv4'],
    ['c++', 'c++'],
    ['k8s.io', 'k8s.io'],
    ['--edge--', 'edge'],
    ['!!!', ''],
  ])('%j -> %j', (typed, stored) => {
    expect(slugifyTag(typed)).toBe(stored);
  });

  it('is idempotent, so a stored tag never changes on the next save', () => {
    for (const t of ['disk-full', 'c++', 'k8s.io', 'a.b-c']) expect(slugifyTag(slugifyTag(t))).toBe(slugifyTag(t));
  });
});

describe('slugifyTagTyping', () => {
  it('keeps the dash where the next word goes, so typing a space is not swallowed', () => {
    expect(slugifyTagTyping('Disk ')).toBe('disk-');
    expect(slugifyTagTyping('Disk F')).toBe('disk-f');
    expect(slugifyTagTyping(' ')).toBe('');
  });

  it('gives, letter by letter, the same tag as normalising the whole text', () => {
    const typed = 'Disk Full';
    let field = '';
    for (const ch of typed) field = slugifyTagTyping(field + ch);
    expect(slugifyTag(field)).toBe(slugifyTag(typed));
    expect(field).toBe('disk-full');
  });
});
