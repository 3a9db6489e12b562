// What the batch page shows for one launch: the summary, the groups (baseline
// first), the host filter, and each other group's diff against the baseline.
// Pure: the page's loader (queries.ts getBatchView) feeds it the runs.
import { z } from 'zod';
import { groupRuns, type BatchSummary, type RunGroup } from './grouping';
import { lineDiff, type LineDiff } from './line-diff';
import type { RunView } from './types';

/** Longest host filter: host names are short, and the filter is echoed back into the page. */
export const HOST_FILTER_MAX_CHARS = 100;

/** Groups diffed per page view: each diff may cost up to DIFF_TIMEOUT_MS; the host filter reaches the rest. */
export const DIFFED_GROUPS_MAX = 20;

export const batchViewParams = z.object({
  host: z.string().trim().max(HOST_FILTER_MAX_CHARS).catch(''),
  view: z.enum(['unified', 'split']).catch('unified'),
});
export type BatchViewParams = z.infer<typeof batchViewParams>;

/** The page's query string, read leniently: a bad value shows the default view, never an error. */
export function parseBatchViewParams(raw: Record<string, string | string[] | undefined>): BatchViewParams {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return batchViewParams.parse({ host: first(raw.host) ?? '', view: first(raw.view) ?? 'unified' });
}

export type GroupDiff = {
  stdout: LineDiff;
  stderr: LineDiff | null;
  exitCodes: { base: number | null; other: number | null } | null;
};

export type GroupView = {
  group: RunGroup<RunView>;
  /** The group's runs that match the host filter (all of them without one). */
  matching: RunView[];
  /** Output groups other than the baseline: what differs from it (null past DIFFED_GROUPS_MAX). */
  diff: GroupDiff | null;
  /** An output group whose diff was not computed because DIFFED_GROUPS_MAX were already. */
  diffSkipped: boolean;
};

export type BatchView = {
  batchId: string;
  check: { slug: string; title: string; argv: string[] };
  requestedBy: string | null;
  createdAt: string;
  incidentSlug: string | null;
  forDraftIncident: boolean;
  summary: BatchSummary;
  baseline: RunGroup<RunView> | null;
  /** Groups with a host matching the filter; the baseline always, since the diffs are read against it. */
  groups: GroupView[];
  filter: { host: string; matchedHosts: number };
};

function diffAgainst(base: RunGroup<RunView>, other: RunGroup<RunView>): GroupDiff | null {
  if (!base.normalized || !other.normalized) return null;
  const stderrMatters = base.normalized.stderr !== '' || other.normalized.stderr !== '';
  const baseExit = base.representative.exitCode;
  const otherExit = other.representative.exitCode;
  return {
    stdout: lineDiff(base.normalized.stdout, other.normalized.stdout),
    stderr: stderrMatters ? lineDiff(base.normalized.stderr, other.normalized.stderr) : null,
    exitCodes: baseExit === otherExit ? null : { base: baseExit, other: otherExit },
  };
}

/** runs: one launch's runs in the order the hosts were picked (getBatchRuns). */
export function buildBatchView(batchId: string, runs: RunView[], params: Pick<BatchViewParams, 'host'>): BatchView {
  const grouping = groupRuns(runs);
  const needle = params.host.toLowerCase();
  const matches = (r: RunView) => !needle || r.hostName.toLowerCase().includes(needle);
  const groups: GroupView[] = [];
  let matchedHosts = 0;
  let diffed = 0;
  for (const group of grouping.groups) {
    const matching = group.runs.filter(matches);
    matchedHosts += matching.length;
    if (!matching.length && !group.isBaseline) continue;
    // Diffs only for groups shown: a filter to one host costs one diff, not one per group.
    const wantsDiff = !!grouping.baseline && group.kind === 'output' && !group.isBaseline;
    const diffSkipped = wantsDiff && diffed >= DIFFED_GROUPS_MAX;
    const diff = wantsDiff && !diffSkipped ? diffAgainst(grouping.baseline!, group) : null;
    if (diff) diffed += 1;
    groups.push({ group, matching, diff, diffSkipped });
  }
  const first = runs[0]!;
  return {
    batchId,
    check: { slug: first.checkSlug, title: first.checkTitle, argv: first.argv },
    requestedBy: first.requestedBy,
    createdAt: first.createdAt,
    incidentSlug: first.incidentSlug,
    forDraftIncident: first.forDraftIncident,
    summary: grouping.summary,
    baseline: grouping.baseline,
    groups,
    filter: { host: params.host, matchedHosts },
  };
}
