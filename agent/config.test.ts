import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config';

const secret = 's'.repeat(32);
const echo = { slug: 'echo', argv: ['echo', '{{word}}'], params: [{ name: 'word', pattern: '[a-z]+' }], timeoutMs: 1_000 };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('agent config', () => {
  it('allows a changing check only by name, and only one marked changesHost', () => {
    const touch = { slug: 'touch', argv: ['touch', '/tmp/x'], timeoutMs: 1_000, changesHost: true };
    expect(parseConfig({ name: 'a', secret, checks: [echo, touch], allowChanging: ['touch'] }).allowChanging).toEqual(['touch']);
    expect(parseConfig({ name: 'a', secret, checks: [echo, touch] }).allowChanging).toEqual([]);
    expect(errorOf(() => parseConfig({ name: 'a', secret, checks: [echo], allowChanging: ['echo'] }))).toMatch(
      /allowChanging\.0: echo does not say changesHost: true/,
    );
    expect(errorOf(() => parseConfig({ name: 'a', secret, checks: [echo], allowChanging: ['nope'] }))).toMatch(
      /no check named nope/,
    );
  });

  it('fills defaults', () => {
    const config = parseConfig({ name: 'web-1', secret, checks: [echo] });
    expect(config).toMatchObject({ name: 'web-1', secret, maxConcurrent: 4, maxOutputBytes: 1_048_576, maxTimeoutMs: 60_000 });
    expect(config.checks[0]?.params).toHaveLength(1);
  });

  it('loads the example YAML file shipped with the agent', () => {
    const config = loadConfig(path.join(import.meta.dirname, 'agent.example.yaml'), { PMKB_AGENT_SECRET: secret });
    expect(config.name).toBe('localhost');
    expect(config.checks.map((c) => c.slug)).toContain('ip-neigh-dev');
  });

  it('reads JSON and secretFile relative to the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-config-'));
    writeFileSync(path.join(dir, 'secret.txt'), `${secret}\n`);
    writeFileSync(path.join(dir, 'agent.json'), JSON.stringify({ name: 'db-1', secretFile: 'secret.txt', checks: [] }));
    expect(loadConfig(path.join(dir, 'agent.json')).secret).toBe(secret);
  });

  it('names the field of each problem', () => {
    expect(errorOf(() => parseConfig({ name: 'x', secret, checks: [{ ...echo, argv: ['bash', '-c', 'id'] }] }))).toBe(
      'checks.0.argv: argv[0] must not be bash: checks run without a shell',
    );
    expect(errorOf(() => parseConfig({ name: 'x', secret, checks: [{ ...echo, params: [] }] }))).toMatch(
      /^checks\.0\.params: params \(none\) must match the argv placeholders \(word\)/,
    );
    expect(
      errorOf(() => parseConfig({ name: 'x', secret, checks: [{ ...echo, params: [{ name: 'word', pattern: '(' }] }] })),
    ).toBe('checks.0.params.0.pattern: not a valid regular expression');
    expect(errorOf(() => parseConfig({ name: 'x', secret, checks: [echo, echo] }))).toBe('checks.1.slug: duplicate slug echo');
    expect(errorOf(() => parseConfig({ name: 'x', secret, maxConcurrent: 0, checks: [] }))).toMatch(/^maxConcurrent: /);
    expect(errorOf(() => parseConfig({ name: 'x', secret, checks: [], extra: 1 }))).toMatch(/extra/);
  });

  it('requires exactly one secret source of at least 32 characters', () => {
    expect(errorOf(() => parseConfig({ name: 'x', checks: [] }))).toMatch(/^secret: give exactly one/);
    expect(errorOf(() => parseConfig({ name: 'x', secret, secretEnv: 'X', checks: [] }))).toMatch(/^secret: give exactly one/);
    expect(errorOf(() => parseConfig({ name: 'x', secret: 'short', checks: [] }))).toBe('secret: must be at least 32 characters');
    expect(errorOf(() => parseConfig({ name: 'x', secretEnv: 'PMKB_NOT_SET_ANYWHERE', checks: [] }, '.', {}))).toMatch(
      /PMKB_NOT_SET_ANYWHERE is not set/,
    );
  });

  it('never puts the secret in an error message', () => {
    const message = errorOf(() => parseConfig({ name: 'x', secret: 'tiny-secret-value', checks: [] }));
    expect(message).not.toContain('tiny-secret-value');
  });

  it('reports unreadable and malformed files', () => {
    expect(errorOf(() => loadConfig('/nonexistent/agent.yaml'))).toMatch(/cannot read config file .*ENOENT/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-config-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'name: [unclosed');
    expect(errorOf(() => loadConfig(path.join(dir, 'bad.yaml')))).toMatch(/not valid YAML or JSON/);
  });
});
