// An agent allow-list made from the app's catalog: what `npm start` gives the
// demo's local agent. On real hosts the agent's config is written and kept
// there by whoever runs the host; both lists must allow a check for it to run.
// Checks that change a host go in marked changesHost, and run only when
// `allowChanging` names them too (the agent's own second word, agent/config.ts).
import type { CheckFrontmatter } from './catalog-schema';

export function agentConfigFromCatalog(
  name: string,
  secretFile: string,
  checks: CheckFrontmatter[],
  opts: { allowChanging?: string[]; argvOverrides?: Record<string, string[]> } = {},
) {
  const allowChanging = opts.allowChanging ?? [];
  const listed = checks.filter((c) => c.readOnly || allowChanging.includes(c.slug));
  return {
    name,
    secretFile,
    checks: listed.map((c) => ({
      slug: c.slug,
      title: c.title,
      argv: opts.argvOverrides?.[c.slug] ?? c.argv,
      params: c.params,
      timeoutMs: c.timeoutMs,
      ...(c.readOnly ? {} : { changesHost: true }),
    })),
    allowChanging: allowChanging.filter((slug) => listed.some((c) => c.slug === slug && !c.readOnly)),
  };
}
