import { describe, expect, it } from 'vitest';
import { checkFencesIn, type CheckFence } from '@/lib/checks/fence';
import { runbookFrontmatterSchema } from '@/lib/content/schema';
import { resolveVerifyChecks, type CatalogEntry } from './resolve';

const catalog: CatalogEntry[] = [
  { slug: 'lsmod-ip-vs', readOnly: true, approvalRequired: false, argv: ['lsmod'], params: [] },
  {
    slug: 'unicorns-vip',
    readOnly: true,
    approvalRequired: false,
    argv: ['curl', '{{url}}'],
    params: [{ name: 'url', pattern: 'http://.+' }],
  },
  {
    slug: 'arp-sysctl',
    readOnly: true,
    approvalRequired: false,
    argv: ['sysctl', '{{key}}'],
    params: [{ name: 'key', pattern: 'net\\..+' }],
  },
  { slug: 'gobgpd-restart', readOnly: false, approvalRequired: true, argv: ['systemctl', 'restart', 'gobgpd'], params: [] },
];
const body = [
  '```check\nlsmod-ip-vs\n```',
  '```check\nunicorns-vip\n```',
  '```check\narp-sysctl key=net.ipv4.conf.po0.arp_ignore\n```',
  '```check\ngobgpd-restart\n```',
].join('\n\n');
const fences = checkFencesIn(body) as CheckFence[];

describe('resolveVerifyChecks', () => {
  it('takes every embedded read-only check the fences fully parameterise', () => {
    expect(resolveVerifyChecks(fences, catalog, undefined)).toEqual({
      ok: true,
      checks: [
        { slug: 'lsmod-ip-vs', params: {} },
        { slug: 'arp-sysctl', params: { key: 'net.ipv4.conf.po0.arp_ignore' } },
      ],
    });
  });

  it('refuses a named check that changes the host, lacks parameters, or is not embedded', () => {
    expect(resolveVerifyChecks(fences, catalog, ['gobgpd-restart'])).toMatchObject({ ok: false, error: /changes the host/ });
    expect(resolveVerifyChecks(fences, catalog, ['unicorns-vip'])).toMatchObject({ ok: false, error: /needs parameters/ });
    expect(resolveVerifyChecks(fences, catalog, ['ip-route-brief'])).toMatchObject({ ok: false, error: /not embedded/ });
    expect(resolveVerifyChecks(fences, catalog, ['lsmod-ip-vs'])).toEqual({
      ok: true,
      checks: [{ slug: 'lsmod-ip-vs', params: {} }],
    });
  });
});

describe('verify front matter', () => {
  const base = { slug: 'a-runbook', title: 'A runbook' };
  it('parses every, role and checks', () => {
    const parsed = runbookFrontmatterSchema.parse({
      ...base,
      verify: { every: '6h', role: 'director', checks: ['lsmod-ip-vs'] },
    });
    expect(parsed.verify).toEqual({ every: 21_600, role: 'director', checks: ['lsmod-ip-vs'] });
  });

  it('refuses bad intervals, roles and extra keys', () => {
    expect(runbookFrontmatterSchema.safeParse(base).success).toBe(true);
    for (const verify of [
      { every: '5m', role: 'director' },
      { every: '6h', role: '' },
      { every: '6h', role: 'a b' },
      { every: '6h', role: 'director', checks: [] },
      { every: '6h', role: 'director', checks: ['x', 'x'] },
      { every: '6h', role: 'director', hosts: ['a'] },
      { role: 'director' },
    ])
      expect(runbookFrontmatterSchema.safeParse({ ...base, verify }).success, JSON.stringify(verify)).toBe(false);
  });
});

describe('the kube2ipvs runbook in content/', () => {
  it('verifies its director checks every 6 hours, all runnable unattended', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const path = await import('node:path');
    const { parseCheck, parseRunbook } = await import('@/lib/content/parse');
    const file = 'content/runbooks/kube2ipvs-troubleshooting.md';
    const { data, body } = parseRunbook('kube2ipvs-troubleshooting.md', readFileSync(file, 'utf8'));
    expect(data.verify).toMatchObject({ every: 6 * 3600, role: 'director' });
    const dir = 'content/checks';
    const entries = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => parseCheck(f, readFileSync(path.join(dir, f), 'utf8')).data)
      .map((c) => ({
        slug: c.slug,
        readOnly: c.readOnly,
        approvalRequired: c.approval === 'required',
        argv: c.argv,
        params: c.params,
      }));
    const resolved = resolveVerifyChecks(checkFencesIn(body) as CheckFence[], entries, data.verify!.checks);
    expect(resolved).toMatchObject({ ok: true });
    expect(resolved.ok && resolved.checks.map((c) => c.slug)).toEqual(data.verify!.checks);
  });
});
