// An agent allow-list made from the app's catalog: what `npm start` gives the
// demo's local agent. On real hosts the agent's config is written and kept
// there by whoever runs the host; both lists must allow a check for it to run.
import type { CheckFrontmatter } from './catalog-schema';

export function agentConfigFromCatalog(name: string, secretFile: string, checks: CheckFrontmatter[]) {
  return {
    name,
    secretFile,
    checks: checks
      .filter((c) => c.readOnly)
      .map((c) => ({ slug: c.slug, title: c.title, argv: c.argv, params: c.params, timeoutMs: c.timeoutMs })),
  };
}
