// Secret references in inventories (lib/hosts/secret-ref.ts): read from the
// environment or a file, never a literal, never repeated in a message, and the
// web import limited to AGENT_SECRET_* variables and HOST_SECRETS_DIR.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSecretPolicy, NOT_A_REFERENCE, resolveSecretRef, webSecretPolicy } from './secret-ref';

const SECRET = 'fleet-secret-0123456789abcdef0123456789';
const dir = mkdtempSync(path.join(os.tmpdir(), 'pmkb-secret-ref-'));
const allowed = path.join(dir, 'allowed');
mkdirSync(allowed);
writeFileSync(path.join(allowed, 'd1.secret'), `${SECRET}\n`, { mode: 0o600 });
writeFileSync(path.join(dir, 'outside.secret'), SECRET, { mode: 0o600 });
writeFileSync(path.join(allowed, 'short.secret'), 'tooshort-but-private');
writeFileSync(path.join(allowed, 'big.secret'), 'x'.repeat(10_000));
symlinkSync(path.join(dir, 'outside.secret'), path.join(allowed, 'link.secret'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = {
  AGENT_SECRET_D1: SECRET,
  DATABASE_URL: `postgresql://u:${SECRET}@db/x`,
  HOST_SECRETS_DIR: allowed,
  SHORT: 'tooshort-but-private',
};
const cli = cliSecretPolicy(env);
const web = webSecretPolicy(env);
const err = (r: ReturnType<typeof resolveSecretRef>) => (r.ok ? null : r.error);

describe('resolveSecretRef', () => {
  it('reads env: and file: references (one trailing newline dropped)', () => {
    expect(resolveSecretRef('env:AGENT_SECRET_D1', cli)).toEqual({ ok: true, secret: SECRET });
    expect(resolveSecretRef(`file:${path.join(allowed, 'd1.secret')}`, cli)).toEqual({ ok: true, secret: SECRET });
    expect(resolveSecretRef(`file:${path.join(allowed, 'd1.secret')}`, web)).toEqual({ ok: true, secret: SECRET });
  });

  it('refuses anything that is not a reference, saying so without repeating it', () => {
    expect(err(resolveSecretRef(SECRET, cli))).toBe(NOT_A_REFERENCE);
    expect(err(resolveSecretRef(`ENV:${SECRET}`, cli))).toBe(NOT_A_REFERENCE);
  });

  it('never repeats what a variable or file holds, even when it is not a usable secret', () => {
    for (const r of [resolveSecretRef('env:SHORT', cli), resolveSecretRef(`file:${path.join(allowed, 'short.secret')}`, cli)]) {
      expect(err(r)).toMatch(/does not hold a usable agent secret: The agent secret has at least 32 characters/);
      expect(JSON.stringify(r)).not.toContain('tooshort');
    }
    expect(err(resolveSecretRef(`file:${path.join(allowed, 'big.secret')}`, cli))).toMatch(/larger than one agent secret/);
  });

  it('says what is missing', () => {
    expect(err(resolveSecretRef('env:AGENT_SECRET_NOPE', cli))).toMatch(/AGENT_SECRET_NOPE is not set/);
    expect(err(resolveSecretRef('env:1BAD', cli))).toMatch(/variable name/);
    expect(err(resolveSecretRef('file:relative/path', cli))).toMatch(/absolute path/);
    expect(err(resolveSecretRef(`file:${path.join(dir, 'missing')}`, cli))).toMatch(/cannot be read/);
    expect(err(resolveSecretRef(`file:${dir}`, cli))).toMatch(/is not a file/);
  });

  it('keeps the web import to AGENT_SECRET_* variables and HOST_SECRETS_DIR', () => {
    expect(err(resolveSecretRef('env:DATABASE_URL', web))).toMatch(/starting with AGENT_SECRET_/);
    expect(err(resolveSecretRef(`file:${path.join(dir, 'outside.secret')}`, web))).toMatch(/must lie under/);
    // A link inside the directory that points out of it is judged by where it points.
    expect(err(resolveSecretRef(`file:${path.join(allowed, 'link.secret')}`, web))).toMatch(/must lie under/);
    expect(err(resolveSecretRef(`file:${path.join(allowed, '..', 'outside.secret')}`, web))).toMatch(/must lie under/);
    expect(err(resolveSecretRef(`file:${path.join(allowed, 'd1.secret')}`, webSecretPolicy({})))).toMatch(/HOST_SECRETS_DIR/);
  });

  it('reports an unreadable file without its content', () => {
    if (process.getuid?.() === 0) return; // root reads any file
    const locked = path.join(allowed, 'locked.secret');
    writeFileSync(locked, SECRET);
    chmodSync(locked, 0o000);
    expect(err(resolveSecretRef(`file:${locked}`, cli))).toMatch(/cannot be read/);
  });
});
