// Groups a launch's runs by what they printed, so 500 hosts read as a handful of
// answers ("487 hosts: same output", "11 hosts: differs", "2 hosts: agent
// unreachable") instead of 500 cards. Pure and browser-safe: the batch page and
// the live check block both use it, so they never disagree about "the same".
import type { CheckRunStatus } from '@/lib/generated/prisma/enums';
import type { RunView } from './types';

/** The fields grouping reads; RunView has them all, tests may pass less. */
export type GroupableRun = Pick<RunView, 'id' | 'status' | 'hostId' | 'hostName' | 'exitCode' | 'stdout' | 'stderr' | 'message'>;

export type GroupKind = 'output' | 'error' | 'timeout' | 'running';

export type RunGroup<R extends GroupableRun = GroupableRun> = {
  /** Stable within one grouping: the kind and the index of the group's first run. */
  id: string;
  kind: GroupKind;
  isBaseline: boolean;
  /** "487 hosts: same output". */
  label: string;
  /** The short reason for error and timeout groups ("agent unreachable"), else null. */
  reason: string | null;
  /** In the order the hosts were picked. */
  runs: R[];
  /** The group's first run: its output (or message) stands for all of them. */
  representative: R;
  /** Output groups: stdout and stderr as compared (trailing whitespace trimmed). */
  normalized: { stdout: string; stderr: string } | null;
};

export type BatchSummary = { total: number; passed: number; failed: number; error: number; timeout: number; running: number };

export type Grouping<R extends GroupableRun = GroupableRun> = {
  summary: BatchSummary;
  /** Baseline first, then the other outputs, errors, timeouts, and what is still running. */
  groups: RunGroup<R>[];
  baseline: RunGroup<R> | null;
};

/**
 * Trailing whitespace on each line and blank lines at either end are noise
 * (CRLF, a padded column, a final newline): two hosts that differ only there
 * print the same thing. Per-line trimEnd instead of a /\s+$/gm regex, which
 * backtracks quadratically on a long run of spaces inside a line.
 */
export function normalizeOutput(text: string): string {
  // Fast path: most outputs need nothing but their ends trimmed, and a slice copies nothing.
  if (!/[^\S\n]\n/.test(text)) return text.trim();
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/**
 * Agents name the host in their messages ("The agent at host director-7 refused
 * the connection"): without that name, the same failure on many hosts is one group.
 */
export function messageKey(message: string | null, hostName: string): string {
  const text = (message ?? '').trim();
  return hostName ? text.split(hostName).join('<host>') : text;
}

/** Short labels for the failures agents and the app report (lib/agents/client.ts, lib/checks/orphans.ts). */
const REASONS: [RegExp, string][] = [
  [
    /refused the connection|could not be reached|could not be found|could not be contacted|did not answer within/i,
    'agent unreachable',
  ],
  [/closed the connection|dropped the connection|connection .*broke/i, 'agent connection lost'],
  [/rejected the app's signature/i, 'agent rejected the signature'],
  [/is busy/i, 'agent busy'],
  [/not the agent protocol|answered with a redirect|answered HTTP|failed with HTTP/i, 'agent answered wrongly'],
  [/is not called/i, 'agent address refused'],
  [/command not found/i, 'command not found'],
  [/host secret/i, 'host secret unreadable'],
  [/stopped before it finished/i, 'stopped before it finished'],
  [/cancelled/i, 'cancelled'],
];

/** Longest label derived from an unknown message: the group's header stays one line. */
export const REASON_MAX_CHARS = 48;

/** A short label from an error or timeout message: a known phrase, else its first clause. */
export function reasonLabel(status: CheckRunStatus, message: string | null): string {
  const text = (message ?? '').trim();
  for (const [pattern, label] of REASONS) if (pattern.test(text)) return label;
  if (status === 'timed_out') return 'timed out';
  if (!text) return 'error without a message';
  const clause = text.split(/[.:;\n]/)[0]!.trim();
  const short = clause.length > REASON_MAX_CHARS ? `${clause.slice(0, REASON_MAX_CHARS - 1).trimEnd()}…` : clause;
  return short.charAt(0).toLowerCase() + short.slice(1);
}

const hostCount = (n: number) => `${n} host${n === 1 ? '' : 's'}`;

const KIND_ORDER: Record<GroupKind, number> = { output: 0, error: 1, timeout: 2, running: 3 };

/**
 * Groups runs given in the order the hosts were picked. Finished runs (passed,
 * failed) group by exit code + normalized stdout + stderr; errors and timeouts by
 * status + message, so an error is never "the same output" as a success or as
 * another error; queued and running runs wait in one group. The largest output
 * group is the baseline; a tie goes to the group holding the first host picked.
 * Keys are the normalized strings themselves in a Map: V8 hashes a string once,
 * and the module needs no node:crypto, so it runs in the browser too.
 */
export function groupRuns<R extends GroupableRun>(runs: readonly R[]): Grouping<R> {
  const summary: BatchSummary = { total: runs.length, passed: 0, failed: 0, error: 0, timeout: 0, running: 0 };
  type Draft = { kind: GroupKind; first: number; runs: R[]; normalized: RunGroup['normalized']; reason: string | null };
  const byKey = new Map<string, Draft>();

  runs.forEach((run, index) => {
    let key: string;
    let make: () => Omit<Draft, 'runs' | 'first'>;
    switch (run.status) {
      case 'passed':
      case 'failed': {
        summary[run.status] += 1;
        const stdout = normalizeOutput(run.stdout);
        const stderr = normalizeOutput(run.stderr);
        // stdout's length marks where it ends, so no byte inside the output can blur the fields.
        key = `o:${run.exitCode ?? ''}:${stdout.length}:${stdout}${stderr}`;
        make = () => ({ kind: 'output', normalized: { stdout, stderr }, reason: null });
        break;
      }
      case 'error':
      case 'timed_out': {
        summary[run.status === 'error' ? 'error' : 'timeout'] += 1;
        const kind = run.status === 'error' ? 'error' : 'timeout';
        key = `${kind}:${messageKey(run.message, run.hostName)}`;
        make = () => ({ kind, normalized: null, reason: reasonLabel(run.status, run.message) });
        break;
      }
      default:
        summary.running += 1;
        key = 'running';
        make = () => ({ kind: 'running', normalized: null, reason: null });
    }
    const found = byKey.get(key);
    if (found) found.runs.push(run);
    else byKey.set(key, { ...make(), first: index, runs: [run] });
  });

  const drafts = [...byKey.values()];
  let baseline: Draft | null = null;
  for (const d of drafts) {
    if (d.kind !== 'output') continue;
    // Map order is first-seen order, so a strictly larger group is needed to take over: ties keep the first host's group.
    if (!baseline || d.runs.length > baseline.runs.length) baseline = d;
  }
  drafts.sort(
    (a, b) =>
      Number(b === baseline) - Number(a === baseline) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      b.runs.length - a.runs.length ||
      a.first - b.first,
  );

  const groups = drafts.map((d): RunGroup<R> => {
    const isBaseline = d === baseline;
    const what =
      d.kind === 'output' ? (isBaseline ? 'same output' : 'differs') : d.kind === 'running' ? 'still running' : d.reason!;
    return {
      id: `${d.kind}-${d.first}`,
      kind: d.kind,
      isBaseline,
      label: `${hostCount(d.runs.length)}: ${what}`,
      reason: d.reason,
      runs: d.runs,
      representative: d.runs[0]!,
      normalized: d.normalized,
    };
  });
  return { summary, groups, baseline: groups.find((g) => g.isBaseline) ?? null };
}

export type Comparison = 'baseline' | 'same' | 'differs' | 'not-compared' | 'running';

/**
 * How one run stands against the baseline, for the live block's per-host notes.
 * "same" only for a run in the baseline's group: an error or a timeout is never
 * the same output, whatever its (empty) stdout.
 */
export function compareToBaseline(grouping: Grouping, runId: string): Comparison {
  const group = grouping.groups.find((g) => g.runs.some((r) => r.id === runId));
  if (!group) return 'not-compared';
  if (group.kind === 'running') return 'running';
  if (group.kind !== 'output' || !grouping.baseline) return 'not-compared';
  if (!group.isBaseline) return 'differs';
  return group.representative.id === runId ? 'baseline' : 'same';
}
