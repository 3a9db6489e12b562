// Pass or fail of a finished run against the check's expectation, with a
// sentence that says what was expected and what came back.
import type { CheckExpectKind } from '@/lib/generated/prisma/enums';

export type Expectation = { kind: CheckExpectKind; value: string };
export type Verdict = { passed: boolean; verdict: string };

/** How much of the actual output a verdict quotes. */
const QUOTE_MAX = 80;

function quote(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  return JSON.stringify(clean.length > QUOTE_MAX ? `${clean.slice(0, QUOTE_MAX)}…` : clean);
}

export function describeExpectation({ kind, value }: Expectation): string {
  switch (kind) {
    case 'exit_code':
      return `exit code ${value}`;
    case 'equals':
      return `output equals ${JSON.stringify(value)}`;
    case 'contains':
      return `output contains ${JSON.stringify(value)}`;
    case 'regex':
      return `output matches /${value}/`;
  }
}

export function judge(expect: Expectation, run: { exitCode: number | null; stdout: string }): Verdict {
  const wanted = describeExpectation(expect);
  if (expect.kind === 'exit_code') {
    const passed = run.exitCode === Number(expect.value);
    return { passed, verdict: `Expected ${wanted}; got ${run.exitCode ?? 'no exit code'}.` };
  }
  // Output checks only make sense when the command itself succeeded.
  if (run.exitCode !== 0) {
    return { passed: false, verdict: `Expected ${wanted}; the command exited with ${run.exitCode ?? 'no exit code'}.` };
  }
  const out = run.stdout;
  const passed =
    expect.kind === 'equals'
      ? out.trim() === expect.value.trim()
      : expect.kind === 'contains'
        ? out.includes(expect.value)
        : new RegExp(expect.value, 'm').test(out);
  return { passed, verdict: `Expected ${wanted}; got ${quote(out)}.` };
}
