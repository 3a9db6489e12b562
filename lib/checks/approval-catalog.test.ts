// Catalog entries that change a host must say approval: required, and the
// demo's local agent config allows only the demo action among them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/agent/config';
import { parseCheck } from '@/lib/content/parse';
import { agentConfigFromCatalog } from './agent-config';
import { checkFrontmatterSchema } from './catalog-schema';

const CHECKS = path.resolve(import.meta.dirname, '../../content/checks');
const catalog = readdirSync(CHECKS).map((f) => parseCheck(f, readFileSync(path.join(CHECKS, f), 'utf8')).data);

describe('approval in the catalog', () => {
  it('refuses an entry that changes the host without approval: required', () => {
    const base = { slug: 'restart-x', title: 'Restart x', argv: ['systemctl', 'restart', 'x'], readOnly: false };
    const missing = checkFrontmatterSchema.safeParse(base);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toContain('approval');
    expect(checkFrontmatterSchema.safeParse({ ...base, approval: 'none' }).success).toBe(false);
    expect(checkFrontmatterSchema.safeParse({ ...base, approval: 'required' }).success).toBe(true);
  });

  it('lists the seed fixes and the demo action as approval-required', () => {
    const required = catalog.filter((c) => c.approval === 'required').map((c) => c.slug);
    expect(required.sort()).toEqual(
      [
        'demo-touch-marker',
        'gobgpd-restart',
        'ifreload-all',
        'ip-route-add-default',
        'ip-route-delete-default',
        'ipipdirect-restart',
      ].sort(),
    );
    const add = catalog.find((c) => c.slug === 'ip-route-add-default')!;
    expect(add.argv).toEqual(['ip', 'route', 'add', 'default', 'dev', '{{iface}}', 'via', '{{gateway}}']);
  });

  it('gives the local agent the demo action only, marked changesHost and allowed, with its own path', () => {
    const config = agentConfigFromCatalog('localhost', 'agent-secret', catalog, {
      allowChanging: ['demo-touch-marker'],
      argvOverrides: { 'demo-touch-marker': ['touch', '/data/demo-touch-marker'] },
    });
    const changing = config.checks.filter((c) => 'changesHost' in c);
    expect(changing).toEqual([
      expect.objectContaining({ slug: 'demo-touch-marker', argv: ['touch', '/data/demo-touch-marker'], changesHost: true }),
    ]);
    expect(config.allowChanging).toEqual(['demo-touch-marker']);
    // And the agent accepts it as a config.
    const { secretFile: _file, ...rest } = config;
    expect(parseConfig({ ...rest, secret: 's'.repeat(32) }).allowChanging).toEqual(['demo-touch-marker']);
    // Without the option nothing that changes a host is listed at all.
    expect(agentConfigFromCatalog('x', 'f', catalog).checks.some((c) => c.slug === 'gobgpd-restart')).toBe(false);
  });
});
