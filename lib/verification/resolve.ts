// Which checks a runbook's verification launches, with which parameters:
// resolved once when the runbook is written (content sync, import), so the
// scheduler's tick only reads a stored list. Pure.
import { expandArgv, type ParamSpec } from '@/agent/argv';
import type { CheckFence } from '@/lib/checks/fence';

export type VerifyCheck = { slug: string; params: Record<string, string> };

export type CatalogEntry = { slug: string; readOnly: boolean; approvalRequired: boolean; argv: string[]; params: ParamSpec[] };

/**
 * `named` absent: every embedded read-only check whose fence gives all its
 * parameters (one that needs a value the fence leaves out, such as a VIP,
 * cannot run unattended and is left out). `named` given: each must be embedded,
 * read-only and fully parameterised by its first fence, or the runbook is refused.
 */
export function resolveVerifyChecks(
  fences: CheckFence[],
  catalog: CatalogEntry[],
  named: string[] | undefined,
): { ok: true; checks: VerifyCheck[] } | { ok: false; error: string } {
  const firstFence = new Map<string, CheckFence>();
  for (const f of fences) if (!firstFence.has(f.slug)) firstFence.set(f.slug, f);
  const bySlug = new Map(catalog.map((c) => [c.slug, c]));
  const why = (slug: string): string | null => {
    const fence = firstFence.get(slug);
    const check = bySlug.get(slug);
    if (!fence || !check) return `"${slug}" is not embedded in this runbook as a check fence`;
    // Approval-required actions change hosts: never on a schedule.
    if (!check.readOnly || check.approvalRequired) return `"${slug}" changes the host; only read-only checks are verified`;
    const expanded = expandArgv(check.argv, check.params, fence.defaults);
    if (!expanded.ok)
      return `"${slug}" needs parameters its check fence does not give (${Object.values(expanded.errors).join('; ')})`;
    return null;
  };
  if (named) {
    for (const slug of named) {
      const problem = why(slug);
      if (problem) return { ok: false, error: `verify.checks: ${problem}` };
    }
    return { ok: true, checks: named.map((slug) => ({ slug, params: firstFence.get(slug)!.defaults })) };
  }
  const checks = [...firstFence.keys()].filter((slug) => why(slug) === null);
  if (!checks.length)
    return { ok: false, error: 'verify: no embedded read-only check can run without a person giving its parameters' };
  return { ok: true, checks: checks.map((slug) => ({ slug, params: firstFence.get(slug)!.defaults })) };
}
