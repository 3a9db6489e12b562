'use client';
// A catalog check embedded in a runbook or incident: pick hosts, fill the
// parameters, run, and watch the output and verdict per host.
import dynamic from 'next/dynamic';
import { useId, useMemo, useState, useTransition } from 'react';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/forms/Field';
import { launchCheck } from '@/lib/checks/actions';
import { compareToBaseline, groupRuns } from '@/lib/checks/grouping';
import { hostPickProblem } from '@/lib/checks/launch-rules';
import type { CatalogCheck, LaunchHost } from '@/lib/checks/queries';
import { isFinished, type RunView } from '@/lib/checks/types';
import { commandLine } from './command-line';
import { GroupedRuns } from './GroupedRuns';
import { LabelPicker } from './LabelPicker';
import { RunOutput } from './RunOutput';
import { mergeSnapshot, patchRuns, PAUSED_NOTICE, useBatchStream } from './use-batch-stream';

// The line diff (and its library) is needed only once several hosts have answered:
// loaded then, so reading pages do not ship it.
const OutputDiff = dynamic(() => import('./OutputDiff').then((m) => m.OutputDiff), {
  loading: () => <p className="text-sm text-slate-500">Comparing outputs…</p>,
});

/** Launches up to this size still show every host's output in the block; bigger ones show the groups only. */
const EACH_OUTPUT_UP_TO = 4;

export type BlockCheck = Omit<CatalogCheck, 'id' | 'description'>;

type Props = {
  check: BlockCheck;
  hosts: LaunchHost[];
  canRun: boolean;
  defaults?: Record<string, string>;
  incidentId?: string;
  runbookId?: string;
};

/** The check's usual role when such hosts exist, else the first host: never none, never everything by surprise. */
function initialHosts(hosts: LaunchHost[], role: string | null): string[] {
  const ofRole = role ? hosts.filter((h) => h.role === role).map((h) => h.id) : [];
  return ofRole.length ? ofRole : hosts.slice(0, 1).map((h) => h.id);
}

export function CheckBlock({ check, hosts, canRun, defaults = {}, incidentId, runbookId }: Props) {
  const uid = useId();
  const [selected, setSelected] = useState<string[]>(() => initialHosts(hosts, check.targetRole));
  const [params, setParams] = useState<Record<string, string>>(() =>
    Object.fromEntries(check.params.map((p) => [p.name, defaults[p.name] ?? ''])),
  );
  const [runs, setRuns] = useState<RunView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, startTransition] = useTransition();
  const roles = useMemo(() => [...new Set(hosts.map((h) => h.role))].sort(), [hosts]);
  const running = runs.some((r) => !isFinished(r.status));
  const batchId = runs[0]?.batchId;
  // Grouping decides what is "the same output": never an error, never by stdout alone.
  const grouping = useMemo(() => groupRuns(runs), [runs]);

  // Long runs come back from the action still running: follow them live until done,
  // polling only if the stream drops.
  const paused = useBatchStream(batchId, running, {
    onSnapshot: (snapshot) => setRuns((current) => mergeSnapshot(current, snapshot)),
    onPatch: (patch) => setRuns((current) => patchRuns(current, patch)),
    poll: async () => {
      const res = await fetch(`/api/check-runs?batch=${batchId}`, { cache: 'no-store' }).catch(() => null);
      if (!res?.ok) return;
      const body = (await res.json()) as { runs: RunView[] };
      setRuns(body.runs);
    },
  });

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const hostOrder = (ids: string[]) => hosts.map((h) => h.id).filter((id) => ids.includes(id));

  function run() {
    const input = { check: check.slug, hostIds: hostOrder(selected), params, incidentId, runbookId };
    // Only the pick is checked here; parameter values are judged by the server against the catalog.
    const problem = hostPickProblem(input.hostIds);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await launchCheck(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setRuns(result.runs);
    });
  }

  return (
    <section
      aria-labelledby={`${uid}-title`}
      className="not-prose my-4 rounded-lg border border-blue-300 bg-blue-50/40 p-4 dark:border-sky-800 dark:bg-sky-950/30"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={`${uid}-title`} className="text-base font-semibold">
          Check: {check.title}
        </h3>
        <a href={`/checks/${check.slug}`} className="text-xs text-blue-700 underline dark:text-sky-300">
          catalog entry and past runs
        </a>
      </div>
      <p className="mt-1 font-mono text-sm">
        <span aria-hidden="true">$ </span>
        {commandLine(check.argv)}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Passes when: {check.expectation} · timeout {(check.timeoutMs / 1000).toFixed(0)} s
        {check.targetRole && <> · usually run on {check.targetRole} hosts</>}
      </p>

      {!check.readOnly ? (
        <p className="mt-2 text-sm text-amber-800 dark:text-amber-200">
          This check changes the host, so it cannot be launched from here; only read-only checks can.
        </p>
      ) : !canRun ? (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Operators can run this check on registered hosts. Sign in as an operator to run it.
        </p>
      ) : hosts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          No hosts are registered yet. An admin can add them on the Hosts page.
        </p>
      ) : (
        <form
          className="mt-3 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium">Hosts</legend>
            {hosts.length > 1 && (
              <div className="mt-1 flex flex-wrap gap-2">
                {roles.map((role) => {
                  const ids = hosts.filter((h) => h.role === role).map((h) => h.id);
                  return (
                    <button key={role} type="button" className={secondaryButtonClass} onClick={() => setSelected(ids)}>
                      All {role} hosts ({ids.length})
                    </button>
                  );
                })}
              </div>
            )}
            <LabelPicker
              hosts={hosts}
              onPick={(ids) => {
                setError(null);
                setSelected(ids);
              }}
              onProblem={setError}
            />
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              {hosts.map((h) => (
                <label key={h.id} className="inline-flex items-center gap-1.5 text-sm">
                  <input type="checkbox" checked={selected.includes(h.id)} onChange={() => toggle(h.id)} />
                  <span className="font-mono">{h.name}</span>
                  <span className="text-xs text-slate-500">({h.role})</span>
                </label>
              ))}
            </div>
            {fieldErrors.hostIds && (
              <p className="mt-1 text-sm text-red-700 dark:text-red-300">{fieldErrors.hostIds.join(' ')}</p>
            )}
          </fieldset>

          {check.params.map((p) => {
            const id = `${uid}-param-${p.name}`;
            const errs = fieldErrors[`params.${p.name}`];
            return (
              <div key={p.name}>
                <label htmlFor={id} className="block text-sm font-medium">
                  {p.name}
                  {p.description && <span className="font-normal text-slate-600 dark:text-slate-400"> ({p.description})</span>}
                </label>
                <input
                  id={id}
                  className={`${inputClass} font-mono`}
                  value={params[p.name] ?? ''}
                  placeholder={p.example}
                  required
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={errs ? true : undefined}
                  aria-describedby={errs ? `${id}-error` : undefined}
                  onChange={(e) => setParams((v) => ({ ...v, [p.name]: e.target.value }))}
                />
                {errs && (
                  <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
                    {errs.join(' ')}
                  </p>
                )}
              </div>
            );
          })}

          <div className="flex items-center gap-3">
            <button type="submit" className={buttonClass} disabled={pending || running || selected.length === 0}>
              {pending || running ? 'Running…' : `Run on ${selected.length} host${selected.length === 1 ? '' : 's'}`}
            </button>
            {error && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
          </div>
        </form>
      )}

      <div aria-live="polite" aria-busy={pending || running}>
        {paused && <p className="mt-3 text-sm text-amber-800 dark:text-amber-200">{PAUSED_NOTICE}</p>}
        {runs.length > 1 && (
          <div className="mt-3">
            <GroupedRuns grouping={grouping} batchId={batchId} showBaselineOutput={runs.length > EACH_OUTPUT_UP_TO} />
          </div>
        )}
        {runs.length > 0 && runs.length <= EACH_OUTPUT_UP_TO && (
          <div className="mt-3 space-y-3">
            {runs.map((r) => {
              const standing = compareToBaseline(grouping, r.id);
              const base = grouping.baseline?.representative;
              return (
                <div key={r.id} className="min-w-0">
                  <RunOutput run={r} />
                  {base && standing === 'same' && (
                    <p className="mt-2 text-xs text-green-800 dark:text-green-300">Same output as {base.hostName}.</p>
                  )}
                  {base && standing === 'differs' && (
                    <OutputDiff base={base.stdout} baseHost={base.hostName} other={r.stdout} otherHost={r.hostName} />
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
