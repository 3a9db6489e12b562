// The corpus `npm run bench:search` measures on: the seed content, both public
// link lists (or our own samples without ../shared) and deterministic synthetic
// incidents up to a scale. Shared with scripts/search-corpus.ts, which keeps one
// such database for profiling (EXPLAIN) without rebuilding it per run.
import path from 'node:path';
import { syncContent } from '../../lib/content/sync';
import { importLinkList } from '../../lib/import/load';
import { synthIncident } from '../../lib/synth/generate';
import { loadSynthetic } from '../../lib/synth/load';
import { fixture, optionalCorpus } from '../../tests/corpora';
import { scriptClient } from './prisma';
import { applyMigrations, ROOT } from './schema-engine';

/** The synthetic corpus' seed: the same incidents on every run, so runs compare. */
export const SYNTH_SEED = 42;

/** Migrates `url` and loads the seeds and the link lists. */
export async function loadBaseCorpus(url: string): Promise<void> {
  await applyMigrations(url);
  const prisma = scriptClient(url);
  try {
    await syncContent(prisma, path.join(ROOT, 'content'));
    // The public lists when ../shared is beside the checkout, else our own samples (the bulk is synthetic anyway).
    const lists = ['danluu-post-mortems.md', 'k8s-failure-stories.md'].map(optionalCorpus);
    const files = lists.every(Boolean)
      ? (lists as string[])
      : ['outage-summaries.md', 'cluster-stories.md'].map((f) => fixture(`link-lists/${f}`));
    for (const file of files) await importLinkList(prisma, file);
  } finally {
    await prisma.$disconnect();
  }
}

/** Adds synthetic incidents until the database holds `target` incidents; then ANALYZE. */
export async function growTo(url: string, target: number, log = console.log): Promise<void> {
  const prisma = scriptClient(url);
  try {
    const have = await prisma.incident.count();
    const start = await prisma.incident.count({ where: { slug: { startsWith: `synth-${SYNTH_SEED}-` } } });
    const need = target - have;
    if (need <= 0) return;
    const t = performance.now();
    function* more() {
      for (let i = start; i < start + need; i++) yield synthIncident(SYNTH_SEED, i);
    }
    await loadSynthetic(prisma, more());
    await prisma.$executeRaw`ANALYZE`;
    log(`corpus: +${need} synthetic incidents -> ${target} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
  }
}
