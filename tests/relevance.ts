// The search relevance instrument (issue 13, item 4), shared by the integration
// test (lib/search/relevance.int.test.ts) and `npm run bench:relevance`
// (scripts/bench-relevance.ts): loads the corpus through the real sync/import
// paths, runs the query set (tests/fixtures/relevance/queries.yaml) through the
// real engine, and computes recall@1, recall@5, MRR and the precision set's
// "returns nothing" rate. It measures; it never tunes the engine.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { syncContent } from '@/lib/content/sync';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import { importLinkList } from '@/lib/import/load';
import { resolveQuery, runSearch, type Executor } from '@/lib/search/engine';
import { compileThesaurus, type Thesaurus } from '@/lib/search/synonyms';
import { fixture, optionalCorpus } from './corpora';

/** Issue 13's targets, as floors: the right document in the first five for 95% of the queries... */
export const RECALL_AT_5_FLOOR = 0.95;
/** ...ranked high enough that the mean reciprocal rank is at least this... */
export const MRR_FLOOR = 0.85;
/** ...and at least this share of the nonsense/out-of-domain queries return no result at all. */
export const PRECISION_FLOOR = 0.9;
/** At 100k synthetic incidents the target is a little lower: more near-misses compete for the top five. */
export const RECALL_AT_5_FLOOR_100K = 0.92;

/** Results read per query: ranks beyond this count as a miss (the page shows 10). */
export const RELEVANCE_DEPTH = 10;

const ROOT = path.resolve(import.meta.dirname, '..');
const QUERIES_FILE = fixture('relevance/queries.yaml');
/** Holds incidents/*.md in the content format; synced like content/. */
const FIXTURE_CONTENT = fixture('relevance');
const LINK_LISTS = ['outage-summaries.md', 'cluster-stories.md'].map((f) => fixture(`link-lists/${f}`));
const CORPUS_LISTS = ['danluu-post-mortems.md', 'k8s-failure-stories.md'].map(optionalCorpus);

/** True when ../shared/corpora is beside the checkout (CI); a bare clone has none. */
export const corporaPresent = CORPUS_LISTS.every(Boolean);

const caseSchema = z
  .object({
    q: z.string().min(1),
    want: z.array(z.string().min(1)).min(1),
    kind: z.enum(['paraphrase', 'misspelling', 'synonym']).default('paraphrase'),
  })
  .strict();
const setSchema = z
  .object({
    own: z.array(caseSchema).min(100),
    corpora: z.array(caseSchema).default([]),
    nonsense: z.array(z.string().min(1)).min(30),
  })
  .strict();

export type RelevanceCase = z.output<typeof caseSchema>;
export type RelevanceSet = z.output<typeof setSchema>;

/** The query set, validated (a typo in the YAML fails loudly instead of measuring less). */
export function loadRelevanceSet(): RelevanceSet {
  return setSchema.parse(YAML.parse(readFileSync(QUERIES_FILE, 'utf8')));
}

/**
 * Seeds (content/), our sample link lists and our fixture incidents, through the
 * same sync and import code the app uses, so the search index is the real one.
 * With `corpora`, also the public lists (caller checks corporaPresent).
 */
export async function loadRelevanceCorpus(prisma: PrismaClient, { corpora = false } = {}): Promise<void> {
  const fail = (what: string, errors: unknown[]) => {
    if (errors.length) throw new Error(`${what}: ${errors.map(String).join('; ')}`);
  };
  fail('content/', (await syncContent(prisma, path.join(ROOT, 'content'))).errors);
  fail('relevance fixtures', (await syncContent(prisma, FIXTURE_CONTENT, ['incidents'])).errors);
  const lists = corpora ? [...LINK_LISTS, ...(CORPUS_LISTS as string[])] : LINK_LISTS;
  for (const file of lists) fail(path.basename(file), (await importLinkList(prisma, file)).errors);
}

/** The slugs of our fixture incidents (file name = slug, as the content format requires). */
export function relevanceFixtureSlugs(): string[] {
  return readdirSync(path.join(FIXTURE_CONTENT, 'incidents'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -'.md'.length));
}

/**
 * Removes our fixture incidents again, so the integration files that run after
 * this one share the database with the seeds and sample lists only, as before.
 */
export async function removeRelevanceFixtures(prisma: PrismaClient): Promise<void> {
  await prisma.incident.deleteMany({ where: { slug: { in: relevanceFixtureSlugs() } } });
}

export interface Miss {
  q: string;
  kind: RelevanceCase['kind'];
  want: string[];
  /** 1-based rank of the first wanted document, 0 when not in the first RELEVANCE_DEPTH. */
  rank: number;
  top: string[];
  corrections: string[];
  unmatched: string[];
}
export interface Noisy {
  q: string;
  total: number;
  top: string[];
  corrections: string[];
}
export interface RelevanceReport {
  label: string;
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** Per kind of query (paraphrase, misspelling): recall@5 and count. */
  byKind: Record<string, { queries: number; recallAt5: number }>;
  /** Queries whose wanted document is not in the top 5. */
  misses: Miss[];
  precision: { queries: number; empty: number; rate: number; noisy: Noisy[] };
}

async function loadThesaurus(exec: Executor): Promise<Thesaurus> {
  const rows = await exec<{ terms: string[] }>(Prisma.sql`SELECT terms FROM synonym_groups ORDER BY id`);
  return compileThesaurus(rows.map((r) => r.terms));
}

const describeCorrections = (cs: { from: string; to: string }[]) => cs.map((c) => `${c.from}->${c.to}`);

/** Runs every case and every nonsense query through runSearch (no filters, first page). */
export async function measureRelevance(
  exec: Executor,
  label: string,
  cases: RelevanceCase[],
  nonsense: string[],
): Promise<RelevanceReport> {
  let at1 = 0;
  let at5 = 0;
  let reciprocal = 0;
  const misses: Miss[] = [];
  const kinds: Record<string, { queries: number; hits: number }> = {};
  // As the app searches (lib/search/queries.ts): corrections and the synonym list in the database.
  const thesaurus = await loadThesaurus(exec);
  const search = async (q: string) =>
    runSearch(exec, { q, limit: RELEVANCE_DEPTH, offset: 0 }, await resolveQuery(exec, q, false, thesaurus));
  for (const c of cases) {
    const out = await search(c.q);
    const rank = out.hits.findIndex((h) => c.want.includes(h.slug)) + 1;
    const k = (kinds[c.kind] ??= { queries: 0, hits: 0 });
    k.queries++;
    if (rank === 1) at1++;
    if (rank >= 1) reciprocal += 1 / rank;
    if (rank >= 1 && rank <= 5) {
      at5++;
      k.hits++;
    } else {
      misses.push({
        q: c.q,
        kind: c.kind,
        want: c.want,
        rank,
        top: out.hits.slice(0, 3).map((h) => h.slug),
        corrections: describeCorrections(out.corrections),
        unmatched: out.unmatched,
      });
    }
  }
  const noisy: Noisy[] = [];
  for (const q of nonsense) {
    const out = await search(q);
    if (out.total > 0 || out.hits.length > 0) {
      noisy.push({
        q,
        total: out.total,
        top: out.hits.slice(0, 2).map((h) => h.slug),
        corrections: describeCorrections(out.corrections),
      });
    }
  }
  const n = cases.length || 1;
  return {
    label,
    queries: cases.length,
    recallAt1: at1 / n,
    recallAt5: at5 / n,
    mrr: reciprocal / n,
    byKind: Object.fromEntries(
      Object.entries(kinds).map(([kind, v]) => [kind, { queries: v.queries, recallAt5: v.hits / v.queries }]),
    ),
    misses,
    precision: {
      queries: nonsense.length,
      empty: nonsense.length - noisy.length,
      rate: nonsense.length ? (nonsense.length - noisy.length) / nonsense.length : 1,
      noisy,
    },
  };
}

const f3 = (x: number) => x.toFixed(3);

/** One line of figures, as the benchmark table and the test's header show it. */
export function summaryLine(r: RelevanceReport): string {
  const kinds = Object.entries(r.byKind)
    .map(([k, v]) => `${k} ${f3(v.recallAt5)} of ${v.queries}`)
    .join(', ');
  return (
    `${r.label}: ${r.queries} queries, recall@1 ${f3(r.recallAt1)}, recall@5 ${f3(r.recallAt5)}, MRR ${f3(r.mrr)} ` +
    `(recall@5 by kind: ${kinds}); precision ${r.precision.empty}/${r.precision.queries} return nothing (${f3(r.precision.rate)})`
  );
}

/** The whole report: the figures, every miss with what the engine did instead, every noisy nonsense query. */
export function formatReport(r: RelevanceReport): string {
  const lines = [summaryLine(r)];
  if (r.misses.length) lines.push(`  misses (wanted document not in the top 5):`);
  for (const m of r.misses) {
    const extra = [
      m.corrections.length ? `corrected ${m.corrections.join(', ')}` : '',
      m.unmatched.length ? `unmatched ${m.unmatched.join(', ')}` : '',
    ].filter(Boolean);
    lines.push(
      `    rank ${m.rank || `>${RELEVANCE_DEPTH}`}${m.kind === 'misspelling' ? ' [typo]' : ''}: "${m.q}" wants ${m.want[0]}` +
        ` -> ${m.top.join(', ') || '(nothing)'}${extra.length ? ` (${extra.join('; ')})` : ''}`,
    );
  }
  if (r.precision.noisy.length) lines.push(`  nonsense queries that returned results:`);
  for (const x of r.precision.noisy) {
    lines.push(
      `    "${x.q}": ${x.total} hits -> ${x.top.join(', ')}${x.corrections.length ? ` (corrected ${x.corrections.join(', ')})` : ''}`,
    );
  }
  return lines.join('\n');
}
