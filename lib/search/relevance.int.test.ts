// Relevance on our own set (issue 13, item 4): 100+ operator-phrased queries
// (paraphrases and misspellings, tests/fixtures/relevance/queries.yaml) over the
// seed content, our sample link lists and 60+ fixture incidents written in our
// own words (tests/fixtures/relevance/incidents), plus both public corpora when
// they are beside the checkout; and 30+ out-of-domain or nonsense queries that
// should find nothing. Prints recall@1, recall@5, MRR, precision and every miss,
// and fails below the floors in tests/relevance.ts (the targets).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import {
  corporaPresent,
  formatReport,
  loadRelevanceCorpus,
  loadRelevanceSet,
  measureRelevance,
  MRR_FLOOR,
  PRECISION_FLOOR,
  RECALL_AT_5_FLOOR,
  removeRelevanceFixtures,
  type RelevanceReport,
} from '@/tests/relevance';
import type { Executor } from './engine';

// A metric the engine does not reach yet is checked with `it.fails`: the floor
// stays at the target, the run stays green, and the test turns red the moment
// the engine reaches the target so the switch gets flipped. Flip each to false
// once the engine work of issue 13 (relevance floor, all-words divider,
// synonyms) is merged and the metric holds.
/** Nonsense queries still return partial matches until the relevance floor lands. */
const PENDING_PRECISION = false;
const PENDING_RECALL_AT_5 = false;
const PENDING_MRR = false;

/** Loading ~100 documents and running ~200 searches: seconds on PostgreSQL, minutes on the embedded database CI also uses. */
const MEASURE_TIMEOUT_MS = 600_000;

const url = inject('databaseUrl');
const prisma = scriptClient(url);
// The executor the app uses (lib/search/queries.ts): Prisma's $queryRaw.
const exec: Executor = (q) => prisma.$queryRaw(q);
const set = loadRelevanceSet();

beforeAll(async () => {
  await applyMigrations(url);
  await loadRelevanceCorpus(prisma);
}, MEASURE_TIMEOUT_MS);
afterAll(async () => {
  await removeRelevanceFixtures(prisma);
  await prisma.$disconnect();
});

function floorTests(report: () => RelevanceReport) {
  const check = (pending: boolean) => (pending ? it.fails : it);
  const why = (name: string, pending: boolean) =>
    pending ? ` [PENDING_${name}: expected to fail until issue 13's engine work lands]` : '';
  check(PENDING_RECALL_AT_5)(`recall@5 is at least ${RECALL_AT_5_FLOOR}${why('RECALL_AT_5', PENDING_RECALL_AT_5)}`, () => {
    expect(report().recallAt5).toBeGreaterThanOrEqual(RECALL_AT_5_FLOOR);
  });
  check(PENDING_MRR)(`MRR is at least ${MRR_FLOOR}${why('MRR', PENDING_MRR)}`, () => {
    expect(report().mrr).toBeGreaterThanOrEqual(MRR_FLOOR);
  });
  check(PENDING_PRECISION)(
    `at least ${PRECISION_FLOOR * 100}% of the nonsense queries return nothing${why('PRECISION', PENDING_PRECISION)}`,
    () => {
      expect(report().precision.rate).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    },
  );
}

describe('search relevance: seeds + sample lists + our fixture incidents', () => {
  let report: RelevanceReport;
  beforeAll(async () => {
    report = await measureRelevance(exec, 'own set', set.own, set.nonsense);
    console.log(formatReport(report));
  }, MEASURE_TIMEOUT_MS);

  it('the set is as large as the issue asks', () => {
    expect(set.own.length).toBeGreaterThanOrEqual(100);
    expect(set.own.filter((c) => c.kind === 'misspelling').length).toBeGreaterThanOrEqual(10);
    expect(set.nonsense.length).toBeGreaterThanOrEqual(30);
  });

  it('every wanted document of the own set exists (a renamed slug must not read as a ranking miss)', async () => {
    const wanted = [...new Set(set.own.flatMap((c) => c.want))];
    const [incidents, runbooks] = await Promise.all([
      prisma.incident.findMany({ where: { slug: { in: wanted } }, select: { slug: true } }),
      prisma.runbook.findMany({ where: { slug: { in: wanted } }, select: { slug: true } }),
    ]);
    const found = new Set([...incidents, ...runbooks].map((r) => r.slug));
    // A case may also name a corpus document as an alternative; each case needs one present answer.
    expect(set.own.filter((c) => !c.want.some((s) => found.has(s))).map((c) => c.q)).toEqual([]);
  });

  floorTests(() => report);
});

// Runs last: the public lists stay in the database once imported.
describe.skipIf(!corporaPresent)('search relevance with the public corpora as well (only beside the CI checkout)', () => {
  let report: RelevanceReport;
  beforeAll(async () => {
    await loadRelevanceCorpus(prisma, { corpora: true });
    report = await measureRelevance(exec, 'own set + corpora', [...set.own, ...set.corpora], set.nonsense);
    console.log(formatReport(report));
  }, MEASURE_TIMEOUT_MS);
  floorTests(() => report);
});
