// Evidence is explicit, and then-vs-now is one click (issue 15 item 5,
// docs/decisions/037-explicit-evidence-and-rechecks.md):
//   attachToTimeline  an author puts a run or launch on its incident's timeline,
//                     as a new revision through the incident write path;
//   runAgain          an operator repeats a run or launch (same check, parameters,
//                     hosts), each new run pointing at the run it repeats;
//   recheckIncident   an operator re-runs an incident's evidence runs at once.
// The caller (./actions.ts) has checked the role and parsed the input.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import { ITEM_TEXT_MAX, LIST_MAX } from '@/lib/content/schema';
import type { CheckRunStatus } from '@/lib/generated/prisma/enums';
import { getStoredIncident } from '@/lib/incidents/authoring-queries';
import { runIncidentWrite } from '@/lib/incidents/mutations';
import { auditSave } from '@/lib/incidents/saved';
import { writeIncident } from '@/lib/incidents/store';
import {
  ANSWERED,
  ENTRY_HOSTS_NAMED,
  findIncidentEvidence,
  findIncidentForRecheck,
  findLaunchToRepeat,
  findRunsToAttach,
  type RunTarget,
  type RunsToAttach,
} from './evidence-queries';
import { startLaunch } from './launch';
import { FANOUT_MAX_HOSTS } from './launch-rules';
import { markAttached } from './mutations';

/** Launches one re-check may start: one per check and parameters the incident ran; more is a runaway incident page. */
export const RECHECK_MAX_LAUNCHES = 20;

const STATUS_WORDS: Partial<Record<CheckRunStatus, string>> = {
  passed: 'passed',
  failed: 'failed',
  timed_out: 'timed out',
  error: 'could not run',
};

/** The timeline sentence: the check, the hosts and the verdict, within one timeline item's limit. */
export function evidenceText(runs: RunsToAttach): string {
  const first = runs[0]!;
  if (runs.length === 1) {
    const detail = first.verdict ?? first.message ?? '';
    return `Check "${first.check.title}" on ${first.host.name} ${STATUS_WORDS[first.status] ?? first.status}. ${detail}`
      .trim()
      .slice(0, ITEM_TEXT_MAX);
  }
  const names = runs.slice(0, ENTRY_HOSTS_NAMED).map((r) => r.host.name);
  const more = runs.length - names.length;
  const counts = new Map<string, number>();
  for (const r of runs) {
    const word = STATUS_WORDS[r.status] ?? r.status;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const tally = [...counts].map(([word, n]) => `${n} ${word}`).join(', ');
  const hosts = `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `Check "${first.check.title}" on ${runs.length} hosts (${hosts}): ${tally}.`.slice(0, ITEM_TEXT_MAX);
}

/** Thrown inside the write when another attach stamped a run first: the whole write rolls back. */
class AlreadyAttached extends Error {}

export type Attached = ActionResult<{ slug: string; version: number }, { conflict: true; version: number }>;

export async function attachToTimeline(viewer: Viewer, target: RunTarget, expectedVersion: number): Promise<Attached> {
  const runs = await findRunsToAttach(target);
  const details = { ...target, expectedVersion };
  const refuse = async (error: string, extra: object = {}): Promise<Attached> => {
    await audit(viewer, { action: 'check.attach', outcome: 'failure', details: { ...details, reason: error } });
    return { ok: false, error, ...extra };
  };
  if (!runs.length) return refuse('There is no such run.');
  const incidentId = runs[0]!.incidentId;
  if (!incidentId) return refuse('This run was not started from an incident, so it has no timeline to join.');
  const attached = runs.find((r) => r.attachedVersion !== null);
  if (attached) return refuse(`Already on the incident's timeline (revision ${attached.attachedVersion}).`);
  if (!runs.every((r) => ANSWERED.includes(r.status))) return refuse('Wait until every host has answered, then attach.');

  const stored = await getStoredIncident({ id: incidentId }, true);
  if (!stored) return refuse('The incident this run was started from no longer exists.');
  const stale = (now: number) =>
    refuse(
      `The incident was saved by someone else since this page was opened (it is now at revision ${now}). Nothing was attached; reload the page and attach again.`,
      { conflict: true, version: now },
    );
  if (stored.version !== expectedVersion) return stale(stored.version);
  const doc = stored.document;
  if (doc.timeline.length >= LIST_MAX) return refuse(`The timeline already has ${LIST_MAX} entries, the most an incident holds.`);

  const finished = runs.map((r) => r.finishedAt?.getTime() ?? 0);
  const entry = { at: new Date(Math.max(...finished, 0) || Date.now()), kind: 'evidence' as const, text: evidenceText(runs) };
  doc.timeline.push(entry);
  const ids = runs.map((r) => r.id);
  let result: Awaited<ReturnType<typeof runIncidentWrite>>;
  try {
    result = await runIncidentWrite(async (tx) => {
      const written = await writeIncident(tx, doc, {
        existing: { id: stored.id, version: expectedVersion },
        authorId: viewer.id,
        // The entry links to the first host's run, whose page leads to the whole launch.
        newEvidence: [{ ...entry, checkRunId: ids[0]! }],
      });
      if (written.ok && (await markAttached(tx, ids, written.version)) !== ids.length) throw new AlreadyAttached();
      return written;
    });
  } catch (err) {
    if (err instanceof AlreadyAttached) return refuse('Someone attached this run a moment ago; reload the page to see where.');
    throw err;
  }
  if (!result.ok) {
    if ('conflict' in result) return stale((await getStoredIncident({ id: stored.id }, true))?.version ?? expectedVersion + 1);
    return refuse(result.error);
  }
  await auditSave(viewer, stored.id, doc, false, doc.draft, 'attach');
  await audit(viewer, {
    action: 'check.attach',
    targetType: 'incident',
    targetId: stored.id,
    outcome: 'success',
    details: { ...details, slug: stored.slug, version: result.version, runs: ids.length },
  });
  return { ok: true, slug: stored.slug, version: result.version };
}

export type Repeated = ActionResult<{ batchId: string; skipped: string[]; awaitingApproval: boolean }>;

/**
 * The same check, parameters and hosts again, in the same order. Hosts disabled
 * since are left out and named (hosts with runs cannot be deleted; lib/hosts).
 */
export async function runAgain(viewer: Viewer, target: RunTarget): Promise<Repeated> {
  const runs = await findLaunchToRepeat(target);
  const refuse = async (error: string): Promise<Repeated> => {
    await audit(viewer, { action: 'check.rerun', outcome: 'failure', details: { ...target, reason: error } });
    return { ok: false, error };
  };
  if (!runs.length) return refuse('There is no such run.');
  const skipped = runs.filter((r) => r.host.disabled).map((r) => r.host.name);
  const usable = runs.filter((r) => !r.host.disabled);
  if (!usable.length) return refuse(`Every host of that launch is disabled now (${skipped.join(', ')}); nothing was run.`);
  const first = runs[0]!;
  const started = await startLaunch(
    viewer,
    {
      check: first.check.slug,
      hostIds: usable.map((r) => r.host.id),
      params: first.params as Record<string, string>,
      incidentId: first.incidentId ?? undefined,
      runbookId: first.runbookId ?? undefined,
      reason: `Run again of the launch ${first.batchId ?? first.id}.`,
    },
    { baselineByHost: new Map(usable.map((r) => [r.host.id, r.id])) },
  );
  if (!started.ok) return refuse(started.error);
  await audit(viewer, {
    action: 'check.rerun',
    targetType: 'check_batch',
    targetId: started.batchId,
    outcome: 'success',
    details: { ...target, skipped: skipped.join(', ') },
  });
  return { ok: true, batchId: started.batchId, skipped, awaitingApproval: started.approval !== null };
}

export type Rechecked = ActionResult<{ recheckId: string; slug: string; launched: number; failures: string[] }>;

/**
 * One launch per check and parameters the incident's evidence ran, on the
 * union of their hosts; each new run points at the earliest evidence run of its
 * host (the closest to the time of the incident).
 */
export async function recheckIncident(viewer: Viewer, slug: string): Promise<Rechecked> {
  const refuse = async (error: string): Promise<Rechecked> => {
    await audit(viewer, { action: 'incident.recheck', outcome: 'failure', details: { slug, reason: error } });
    return { ok: false, error };
  };
  // Operators are above authors: drafts are theirs to see.
  const incident = await findIncidentForRecheck(slug, true);
  if (!incident) return refuse('There is no such incident.');
  const evidence = await findIncidentEvidence(incident.id);
  if (!evidence.length) return refuse('This incident has no check runs to re-check yet; run a check from its page first.');

  type Group = { check: string; params: Record<string, string>; byHost: Map<string, string> };
  const groups = new Map<string, Group>();
  const skipped = new Set<string>();
  for (const run of evidence) {
    const params = run.params as Record<string, string>;
    const key = `${run.check.slug}\n${JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)))}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { check: run.check.slug, params, byHost: new Map() }));
    if (run.host.disabled) skipped.add(run.host.name);
    // Earliest first (the query's order): the first run of a host is its "then".
    else if (!group.byHost.has(run.host.id)) group.byHost.set(run.host.id, run.id);
  }
  const launches = [...groups.values()].filter((g) => g.byHost.size > 0).slice(0, RECHECK_MAX_LAUNCHES);
  if (!launches.length) return refuse(`Every host of this incident's evidence is disabled now (${[...skipped].join(', ')}).`);

  const recheckId = randomUUID();
  const failures: string[] = [];
  let launched = 0;
  for (const g of launches) {
    const hostIds = [...g.byHost.keys()].slice(0, FANOUT_MAX_HOSTS);
    const started = await startLaunch(
      viewer,
      { check: g.check, hostIds, params: g.params, incidentId: incident.id, reason: `Re-check of incident ${incident.slug}.` },
      { baselineByHost: g.byHost, recheckId },
    );
    if (started.ok) launched += 1;
    else failures.push(`${g.check}: ${started.error}`);
  }
  if (!launched) return refuse(`Nothing could be re-run. ${failures.join(' ')}`);
  await audit(viewer, {
    action: 'incident.recheck',
    targetType: 'incident',
    targetId: incident.id,
    outcome: 'success',
    details: { slug, recheckId, launches: launched, failures: failures.join(' '), skipped: [...skipped].join(', ') },
  });
  return { ok: true, recheckId, slug: incident.slug, launched, failures };
}
