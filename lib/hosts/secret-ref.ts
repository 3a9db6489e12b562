// Where an inventory file says a host's agent secret is: `env:NAME` or
// `file:/path`, read by the importing process. An inventory is copied, mailed
// and committed; the secret itself never belongs in it, so a value that is not a
// reference is refused, and no message here ever repeats what was read.
//
// The CLI (`npm run hosts -- import`) runs with the operator's own environment
// and files, so any name and path is theirs to use. The web import runs in the
// server process, whose environment holds the app's own keys and whose disk is
// not the admin's: there, `env:` names must start with WEB_ENV_PREFIX and
// `file:` paths must lie under HOST_SECRETS_DIR (refused when it is unset).
// Decision 033.
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { secretSchema, SECRET_MAX } from './schema';

/** Environment variables the web import may read: not DATABASE_URL, BETTER_AUTH_SECRET or HOST_SECRET_KEY. */
export const WEB_ENV_PREFIX = 'AGENT_SECRET_';
/** Longest reference: a path, not a document. */
export const SECRET_REF_MAX = 1024;
/** A secret file holds one secret and maybe a newline (or CRLF). */
const SECRET_FILE_MAX_BYTES = SECRET_MAX + 2;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export type SecretRefPolicy = {
  env: Record<string, string | undefined>;
  /** Names an `env:` reference may use must start with this ('' for any). */
  envPrefix: string;
  /** `file:` references must resolve under this directory; '/' for any, null for none. */
  fileRoot: string | null;
};

/** The CLI's policy: the operator's own environment and files. */
export function cliSecretPolicy(env: Record<string, string | undefined> = process.env): SecretRefPolicy {
  return { env, envPrefix: '', fileRoot: '/' };
}

/** The web import's policy; HOST_SECRETS_DIR opens one directory of secret files. */
export function webSecretPolicy(env: Record<string, string | undefined> = process.env): SecretRefPolicy {
  return { env, envPrefix: WEB_ENV_PREFIX, fileRoot: env.HOST_SECRETS_DIR?.trim() || null };
}

export type SecretRefResult = { ok: true; secret: string } | { ok: false; error: string };

export const NOT_A_REFERENCE =
  'The secret column holds a reference, env:NAME or file:/path, never the secret itself; put the secret in that variable or file.';

/** Whether the text is shaped like a reference (checked without reading anything). */
export function isSecretRef(text: string): boolean {
  return /^(env|file):/.test(text);
}

export function resolveSecretRef(ref: string, policy: SecretRefPolicy): SecretRefResult {
  if (ref.length > SECRET_REF_MAX) return { ok: false, error: `A secret reference is at most ${SECRET_REF_MAX} characters.` };
  if (ref.startsWith('env:')) return fromEnv(ref.slice(4), policy);
  if (ref.startsWith('file:')) return fromFile(ref.slice(5), policy);
  return { ok: false, error: NOT_A_REFERENCE };
}

function checked(secret: string, where: string): SecretRefResult {
  const parsed = secretSchema.safeParse(secret);
  // The rule, never the value: the message says what a secret must be.
  return parsed.success
    ? { ok: true, secret }
    : { ok: false, error: `${where} does not hold a usable agent secret: ${parsed.error.issues[0]!.message}` };
}

function fromEnv(name: string, policy: SecretRefPolicy): SecretRefResult {
  if (!ENV_NAME.test(name)) return { ok: false, error: 'env: is followed by a variable name, e.g. env:AGENT_SECRET_DIR1.' };
  if (!name.startsWith(policy.envPrefix))
    return { ok: false, error: `Here env: references must name a variable starting with ${policy.envPrefix}.` };
  const value = policy.env[name];
  if (value === undefined || value === '')
    return { ok: false, error: `The variable ${name} is not set for the importing process.` };
  return checked(value, `The variable ${name}`);
}

function fromFile(file: string, policy: SecretRefPolicy): SecretRefResult {
  if (!path.isAbsolute(file))
    return { ok: false, error: 'file: is followed by an absolute path, e.g. file:/etc/pmkb/dir1.secret.' };
  if (policy.fileRoot === null)
    return { ok: false, error: 'file: references are not allowed here (set HOST_SECRETS_DIR to allow one directory).' };
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { ok: false, error: `The file ${file} cannot be read.` };
  }
  const root = realpathOr(policy.fileRoot);
  if (root !== '/' && !real.startsWith(root + path.sep))
    return { ok: false, error: `Secret files must lie under ${policy.fileRoot}.` };
  let fd: number | undefined;
  try {
    fd = openSync(real, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, error: `${file} is not a file.` };
    if (stat.size > SECRET_FILE_MAX_BYTES) return { ok: false, error: `${file} is larger than one agent secret.` };
    const buf = Buffer.alloc(SECRET_FILE_MAX_BYTES);
    const n = readSync(fd, buf, 0, SECRET_FILE_MAX_BYTES, 0);
    return checked(
      buf
        .subarray(0, n)
        .toString('utf8')
        .replace(/\r?\n$/, ''),
      `The file ${file}`,
    );
  } catch {
    return { ok: false, error: `The file ${file} cannot be read.` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function realpathOr(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
