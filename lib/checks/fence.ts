// The `check` fence: how a runbook embeds a catalog check.
//
//   ```check
//   ip-neigh-address address=193.70.55.1
//   ```
//
// First word: the check's slug. Then optional `name=value` defaults for its
// parameters (the operator can still change them before running).
import type { Code, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const CHECK_FENCE_LANG = 'check';

export type CheckFence = { slug: string; defaults: Record<string, string> };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAIR = /^([a-z][a-z0-9_]{0,31})=(\S{1,256})$/;

export function parseCheckFence(value: string): CheckFence | { error: string } {
  const [slug, ...pairs] = value.trim().split(/\s+/);
  if (!slug || !SLUG.test(slug)) return { error: `"${slug ?? ''}" is not a check slug` };
  const defaults: Record<string, string> = {};
  for (const pair of pairs) {
    const match = PAIR.exec(pair);
    if (!match) return { error: `"${pair}" is not a name=value parameter` };
    defaults[match[1]!] = match[2]!;
  }
  return { slug, defaults };
}

const parser = unified().use(remarkParse).freeze();

function collect(node: Root | Root['children'][number], out: Code[]) {
  if (node.type === 'code') out.push(node);
  if ('children' in node) for (const child of node.children) collect(child as Root['children'][number], out);
}

/** Every `check` fence in a markdown document, in order. */
export function checkFencesIn(markdown: string): Array<CheckFence | { error: string; line: number }> {
  const codes: Code[] = [];
  collect(parser.parse(markdown), codes);
  return codes
    .filter((c) => c.lang === CHECK_FENCE_LANG)
    .map((c) => {
      const fence = parseCheckFence(c.value);
      return 'error' in fence ? { ...fence, line: c.position?.start.line ?? 0 } : fence;
    });
}
