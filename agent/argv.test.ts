import { describe, expect, it } from 'vitest';
import { canaryPath, INJECTION_CORPUS, injectionCorpus } from '../tests/agents/injection-corpus';
import {
  expandArgv,
  isSafeTemplate,
  MAX_PARAM_LENGTH,
  PATTERNS,
  templateParams,
  validateParamValue,
  type ParamSpec,
} from './argv';

const iface: ParamSpec = { name: 'iface', pattern: PATTERNS.interface };
const anything: ParamSpec = { name: 'text', pattern: '.*' };

describe('validateParamValue', () => {
  it('accepts ordinary values', () => {
    expect(validateParamValue(iface, 'eth0')).toBeNull();
    expect(validateParamValue(iface, 'bond0.100')).toBeNull();
    expect(validateParamValue({ name: 'ip', pattern: PATTERNS.ip }, '193.70.55.1')).toBeNull();
    expect(validateParamValue({ name: 'ip', pattern: PATTERNS.ip }, '2001:db8::1')).toBeNull();
    expect(validateParamValue({ name: 'unit', pattern: PATTERNS.systemdUnit }, 'nginx.service')).toBeNull();
    expect(validateParamValue({ name: 'port', pattern: PATTERNS.port }, '443')).toBeNull();
    expect(validateParamValue({ name: 'host', pattern: PATTERNS.hostname }, 'db-1.example.internal')).toBeNull();
    expect(validateParamValue({ name: 'key', pattern: PATTERNS.sysctlName }, 'net.ipv4.ip_forward')).toBeNull();
  });

  it('anchors the pattern', () => {
    expect(validateParamValue({ name: 'n', pattern: '\\d+' }, '12a')).toMatch(/expected form/);
    expect(validateParamValue({ name: 'n', pattern: 'a|b' }, 'ab')).toMatch(/expected form/);
    expect(validateParamValue({ name: 'p', pattern: PATTERNS.port }, '65536')).toMatch(/expected form/);
    expect(validateParamValue({ name: 'ip', pattern: PATTERNS.ipv4 }, '256.1.1.1')).toMatch(/expected form/);
  });

  it('applies its rules in order with a message naming the parameter', () => {
    expect(validateParamValue(anything, 42)).toBe('text must be text');
    expect(validateParamValue(anything, '')).toBe('text is required');
    expect(validateParamValue(anything, 'x'.repeat(MAX_PARAM_LENGTH + 1))).toMatch(/longer than 256/);
    expect(validateParamValue(anything, 'x'.repeat(MAX_PARAM_LENGTH))).toBeNull();
    expect(validateParamValue(anything, 'a\nb')).toMatch(/printable ASCII/);
    expect(validateParamValue(anything, '-rf')).toMatch(/must not start with "-"/);
  });

  it('rejects every injection corpus entry, even with a pattern that allows anything', () => {
    const corpus = INJECTION_CORPUS;
    expect(injectionCorpus(canaryPath()).length).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    for (const { name, value } of corpus) {
      expect(validateParamValue(iface, value), name).not.toBeNull();
      expect(validateParamValue({ name: 'host', pattern: PATTERNS.hostname }, value), name).not.toBeNull();
    }
    // '.*' lets shell syntax through by design (argv makes it inert); the rules still stop these:
    const ruled = [
      'a\nid',
      'eth0\r\nid',
      'eth0\u0000id',
      '--output=/tmp/x',
      '-oProxyCommand=x',
      'x'.repeat(10_000),
      'ｅｔｈ0',
      'еth0',
      'eth\u200b0',
      '',
    ];
    for (const value of ruled) expect(validateParamValue(anything, value), JSON.stringify(value.slice(0, 20))).not.toBeNull();
  });
});

describe('expandArgv', () => {
  const template = ['ip', 'neigh', 'show', 'dev', '{{iface}}'];

  it('replaces a placeholder with the whole value as one argument', () => {
    expect(expandArgv(template, [iface], { iface: 'eth1' })).toEqual({ ok: true, argv: ['ip', 'neigh', 'show', 'dev', 'eth1'] });
    const spaced = expandArgv(['echo', '{{text}}'], [{ name: 'text', pattern: '[a-z ;]+' }], { text: 'a ; id' });
    expect(spaced).toEqual({ ok: true, argv: ['echo', 'a ; id'] });
  });

  it('reports missing, unknown and invalid parameters by name', () => {
    expect(expandArgv(template, [iface], {})).toEqual({ ok: false, errors: { iface: 'iface is required' } });
    const result = expandArgv(template, [iface], { iface: '; id', extra: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['extra', 'iface']);
  });

  it('treats elements without a whole placeholder as literal and refuses partial ones', () => {
    expect(expandArgv(['echo', '$(id)', '`id`'], [], {})).toEqual({ ok: true, argv: ['echo', '$(id)', '`id`'] });
    expect(() => expandArgv(['ping', '-c{{count}}'], [{ name: 'count', pattern: '\\d' }], { count: '1' })).toThrow(/exactly one/);
    expect(() => templateParams(['x', '{{a}}{{b}}'])).toThrow();
  });

  it('does not read parameters from the object prototype', () => {
    expect(expandArgv(['echo', '{{constructor}}'], [{ name: 'constructor', pattern: '.*' }], {}).ok).toBe(false);
  });
});

describe('templateParams and isSafeTemplate', () => {
  it('lists placeholders once each', () => {
    expect(templateParams(['a', '{{x}}', 'b', '{{y}}', '{{x}}'])).toEqual(['x', 'y']);
  });

  it('refuses shells and command runners as argv[0], by name or path', () => {
    for (const command of [
      'sh',
      'bash',
      '/bin/sh',
      '/usr/bin/bash',
      'dash',
      'zsh',
      'env',
      '/usr/bin/env',
      'sudo',
      'xargs',
      'busybox',
      'timeout',
    ]) {
      expect(isSafeTemplate([command, '-c', 'id']), command).toMatch(/without a shell/);
    }
    expect(isSafeTemplate(['ionice', '-c3', 'ip'])).toMatch(/argv\[0\] must not be ionice/);
    expect(isSafeTemplate(['ssh', 'host', '/bin/bash'])).toMatch(/must not contain \/bin\/bash/);
    expect(isSafeTemplate(['printenv'])).toBeNull();
  });

  it('requires a literal bare name or absolute path as argv[0]', () => {
    expect(isSafeTemplate(['ip', 'route'])).toBeNull();
    expect(isSafeTemplate(['/usr/sbin/ip', 'route'])).toBeNull();
    expect(isSafeTemplate([])).toMatch(/name a command/);
    expect(isSafeTemplate(['{{cmd}}'])).toMatch(/literal/);
    expect(isSafeTemplate(['./run'])).toMatch(/bare command name or an absolute path/);
    expect(isSafeTemplate(['/usr/../bin/sh'])).toMatch(/bare command name or an absolute path/);
    expect(isSafeTemplate(['ip', 'x{{a}}'])).toMatch(/exactly one/);
  });
});
