// Parameter values that try to escape argv. Every one must be rejected by
// validateParamValue for any catalog pattern; the canary file must never appear.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** A path no test creates on purpose: if it exists after a run, an injection worked. */
export function canaryPath(label = 'canary'): string {
  return path.join(os.tmpdir(), `pmkb-${label}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

export type InjectionCase = { name: string; value: string };

/** canary: the path a successful injection would create (pass canaryPath()). */
export function injectionCorpus(canary: string): InjectionCase[] {
  return [
    { name: 'semicolon', value: '; id' },
    { name: 'semicolon touch', value: `eth0 ; touch ${canary}` },
    { name: 'and-and touch', value: `eth0&&touch ${canary}` },
    { name: 'command substitution', value: '$(id)' },
    { name: 'command substitution touch', value: `$(touch ${canary})` },
    { name: 'backticks', value: '`id`' },
    { name: 'backticks touch', value: `\`touch ${canary}\`` },
    { name: 'pipe to sh', value: '| sh' },
    { name: 'pipe touch', value: `eth0|touch ${canary}` },
    { name: 'redirect', value: `eth0>${canary}` },
    { name: 'newline', value: 'a\nid' },
    { name: 'newline touch', value: `eth0\ntouch ${canary}` },
    { name: 'crlf', value: 'eth0\r\nid' },
    { name: 'tab', value: 'eth0\tid' },
    { name: 'NUL byte', value: 'eth0\u0000id' },
    { name: 'long option', value: '--output=/tmp/x' },
    { name: 'ssh proxy option', value: '-oProxyCommand=x' },
    { name: 'short option', value: '-e' },
    { name: 'ten thousand characters', value: 'x'.repeat(10_000) },
    { name: 'fullwidth look-alike', value: 'ｅｔｈ0' },
    { name: 'Cyrillic look-alike', value: 'еth0' },
    { name: 'path traversal', value: '../../etc/passwd' },
    { name: 'absolute path', value: '/etc/shadow' },
    { name: 'glob', value: 'eth*' },
    { name: 'variable', value: '${PATH}' },
    { name: 'space-separated extra argument', value: 'eth0 -c 1' },
    { name: 'quote', value: "eth0'" },
    { name: 'zero-width space', value: 'eth\u200b0' },
    { name: 'right-to-left override', value: 'eth\u202e0' },
    { name: 'empty', value: '' },
  ];
}

/** For validator-only tests that run nothing; runs that could create a file should use a fresh canaryPath(). */
export const INJECTION_CORPUS: readonly InjectionCase[] = injectionCorpus(path.join(os.tmpdir(), 'pmkb-injection-canary'));
