// "Build if needed": a production build is reused while the sources it was
// built from are unchanged, judged by a fingerprint of their paths, sizes and
// modification times (cheap, and good enough to notice any edit or git pull).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './schema-engine';

const SOURCES = [
  'app',
  'components',
  'lib',
  'agent',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const SKIP = new Set(['node_modules', '.next', 'generated', '.data']);
const STAMP = path.join(ROOT, '.next', 'pmkb-source-fingerprint');

function walk(p: string, out: string[]) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), out);
  } else if (!/\.(test|int\.test)\.tsx?$/.test(p)) {
    out.push(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}`);
  }
}

export function sourceFingerprint(): string {
  const lines: string[] = [];
  for (const s of SOURCES) walk(path.join(ROOT, s), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function buildIsCurrent(): boolean {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return false;
  try {
    return readFileSync(STAMP, 'utf8') === sourceFingerprint();
  } catch {
    return false;
  }
}

/** Runs `next build` unless the existing build matches the sources. Returns whether it built. */
export function buildIfNeeded(log: (line: string) => void = console.log): boolean {
  if (buildIsCurrent()) return false;
  log('Building the app (first start or sources changed); this takes a minute or two...');
  const fingerprint = sourceFingerprint();
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL; // nothing may touch the database at build time
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: env as NodeJS.ProcessEnv,
  });
  if (result.status !== 0) throw new Error('next build failed (see the output above)');
  writeFileSync(STAMP, fingerprint);
  return true;
}
