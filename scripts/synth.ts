// `npm run db:synth -- --count N [--seed S]`: adds N synthetic incidents
// (slugs synth-<seed>-<i>, continuing after the ones already there) for scale
// tests. Bulk-loaded with the search triggers deferred (lib/synth/load.ts).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { synthIncident } from '../lib/synth/generate';
import { loadSynthetic } from '../lib/synth/load';
import { runWithDatabase } from './lib/database';
import { scriptClient } from './lib/prisma';

/** Upper bound for one run: a million incidents is a benchmark, not a typo. */
const SYNTH_MAX = 1_000_000;

const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string', default: '1' } } });
const args = z
  .object({
    count: z.coerce.number().int().min(1).max(SYNTH_MAX),
    seed: z.coerce.number().int().min(0).max(1_000_000),
  })
  .safeParse(values);
if (!args.success) {
  console.error(`usage: npm run db:synth -- --count N [--seed S]   (1 <= N <= ${SYNTH_MAX})`);
  process.exit(2);
}
const { count, seed } = args.data;

await runWithDatabase('db:synth', async ({ url }) => {
  const prisma = scriptClient(url);
  try {
    const start = await prisma.incident.count({ where: { slug: { startsWith: `synth-${seed}-` } } });
    const t = performance.now();
    function* incidents() {
      for (let i = start; i < start + count; i++) yield synthIncident(seed, i);
    }
    const written = await loadSynthetic(prisma, incidents(), (done) => {
      if (done % 10_000 === 0 || done === count) console.log(`db:synth: ${done}/${count}`);
    });
    console.log(
      `db:synth: ${written} incidents in ${((performance.now() - t) / 1000).toFixed(1)} s (synth-${seed}-${start}..${start + count - 1})`,
    );
  } finally {
    await prisma.$disconnect();
  }
});
