// What the benchmark scripts share when they report: the commit measured and
// the section appended to docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './schema-engine';

export const BENCHMARKS = path.join(ROOT, 'docs', 'benchmarks.md');

/** The short commit id, marked when the work tree has uncommitted changes to tracked files. */
export function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

/** `## 2026-12-03 12:40 UTC, commit abc1234, <what>` */
export const sectionHeading = (what: string) =>
  `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}, ${what}`;

/** Appends a report section to docs/benchmarks.md (created with its preface when missing). */
export function appendBenchmark(report: string): void {
  if (!existsSync(BENCHMARKS)) {
    writeFileSync(
      BENCHMARKS,
      '# Benchmarks\n\nAppended by `npm run bench:load` (scripts/bench-load.ts) and the other bench scripts: one section per run, newest last. ' +
        'Figures depend on the machine and what else runs on it; compare rows of the same run (the ratio to the static file) rather than runs.\n\n',
    );
  }
  appendFileSync(BENCHMARKS, `${report}\n`);
  console.log(`appended to ${path.relative(ROOT, BENCHMARKS)}`);
}
