// The client components every reading page ships (the layout's, and those of
// the incident and runbook pages) must not reach zod or the server-side schemas:
// a sign-out button importing the form's draft hook once put zod and the whole
// incident form schema into every page (174.8 KiB gzip on the incident page
// against 137 before). Walks static imports the way the bundler does; a
// 'use server' module is only a reference in the browser, so it is not followed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const ENTRIES = [
  'components/site/SignOutButton.tsx',
  'components/site/NavLink.tsx',
  'components/search/SearchHotkey.tsx',
  'components/ui/CopyButton.tsx',
  'components/checks/CheckBlock.tsx',
];
/** Heavy or server-only modules no reading page needs in the browser. */
const FORBIDDEN = [
  /^zod$/,
  /^zod\//,
  /lib\/content\/schema/,
  /lib\/markdown\//,
  /lib\/auth\/common-passwords/,
  /lib\/incidents\/form/,
  /lib\/validation\/text/,
  /^rehype/,
  /^remark/,
  /^highlight\.js/,
];

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.') && !spec.startsWith('@/')) return spec; // a package
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx'])
    if (existsSync(base + ext) && !base.endsWith('/')) {
      const file = base + ext;
      if (ext === '' && !/\.tsx?$/.test(file)) continue;
      return file;
    }
  return null;
}

function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    if (file !== path.join(ROOT, entry) && /^\s*['"]use server['"]/.test(source)) return;
    // Value imports and re-exports only: `import type` / `export type` vanish at build.
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const target = resolve(file, m[1]!);
      if (!target) continue;
      if (!target.startsWith('/')) {
        out.push(target);
        continue;
      }
      out.push(path.relative(ROOT, target));
      visit(target);
    }
  };
  visit(path.join(ROOT, entry));
  return [...new Set(out)];
}

describe('client JavaScript of the reading pages', () => {
  it.each(ENTRIES)('%s reaches no zod and no server-side schema', (entry) => {
    const bad = reachable(entry).filter((m) => FORBIDDEN.some((re) => re.test(m)));
    expect(bad).toEqual([]);
  });
});
