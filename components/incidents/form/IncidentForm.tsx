'use client';
// The postmortem form: every part of an incident, drafts and publishing,
// optimistic concurrency and input kept in the browser until saved.
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useMemo, useState, type FormEvent } from 'react';
import { buttonClass, secondaryButtonClass } from '@/components/forms/Field';
import { zoneAbbreviation } from '@/lib/format/time';
import { fromLocalInput, isTimeZone } from '@/lib/format/zoned';
import { ActionItemStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';
import { saveIncident, type SaveResult } from '@/lib/incidents/actions';
import { emptyRow, fieldErrorsOf, incidentFormSchema, PUBLISHED_STATUSES, slugFromTitle, type IncidentForm as Form } from '@/lib/incidents/form';
import type { FormOptions } from '@/lib/incidents/queries';
import { ConflictPanel } from './ConflictPanel';
import { fieldId, ListError, options, Select, TextArea, TextInput, type Errors } from './fields';
import { NarrativeEditor } from './NarrativeEditor';
import { RowList } from './RowList';
import { storageKeyFor, useLocalDraft, type Session } from './useLocalDraft';

type Props = {
  initial: Form;
  /** Absent for a new postmortem. */
  incident?: { id: string; slug: string; version: number };
  options: FormOptions;
};

const ROOT_CAUSE_LABEL: Record<RootCause, string> = { known: 'Known', suspected: 'Suspected', unknown: 'Unknown' };
const ACTION_STATUS_LABEL: Record<ActionItemStatus, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: "Won't do" };
const STATUS_LABEL = { investigating: 'Investigating', mitigated: 'Mitigated', resolved: 'Resolved' } as const;
const TIME_HINT = 'YYYY-MM-DD HH:MM, 24-hour';

function zones(): string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
}

export function IncidentForm({ initial, incident, options: opts }: Props) {
  const router = useRouter();
  const initialSession = useMemo<Session>(() => ({ form: initial, baseVersion: incident?.version ?? null }), [initial, incident?.version]);
  const { session, commit, clear, discard, restoredAt } = useLocalDraft(storageKeyFor(incident?.slug ?? null), initialSession);
  const form = session.form;
  const [state, dispatch, pending] = useActionState<SaveResult | null, FormData>(saveIncident, null);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const [slugEdited, setSlugEdited] = useState(!!incident);
  const [resolvedConflict, setResolvedConflict] = useState<SaveResult | null>(null);

  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errors: Errors | undefined = clientErrors ?? serverErrors;
  const conflict = state && !state.ok && state.conflict && resolvedConflict !== state ? state.conflict : null;

  useEffect(() => {
    if (!state?.ok) return;
    clear();
    router.push(`/incidents/${state.slug}`);
    router.refresh();
  }, [state, clear, router]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    const next = { ...form, [key]: value };
    if (key === 'title' && !slugEdited) next.slug = slugFromTitle(String(value));
    commit({ ...session, form: next });
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const draft = submitter?.value === 'draft';
    const toSave: Form = { ...form, draft };
    const checked = incidentFormSchema.safeParse(toSave);
    if (!checked.success) {
      setClientErrors(fieldErrorsOf(checked.error));
      requestAnimationFrame(() => document.getElementById('form-errors')?.focus());
      return;
    }
    setClientErrors(null);
    const fd = new FormData();
    fd.set('form', JSON.stringify(toSave));
    fd.set('incidentId', incident?.id ?? '');
    fd.set('version', session.baseVersion === null ? '' : String(session.baseVersion));
    startTransition(() => dispatch(fd));
  }

  const tz = form.timezone.trim() || 'UTC';
  const zoneOk = isTimeZone(tz);
  const started = zoneOk ? fromLocalInput(form.startedAt, tz) : null;
  const zoneLabel = zoneOk ? `${tz} (${zoneAbbreviation(started ?? new Date(), tz)})` : tz;
  const timeHint = `${TIME_HINT}, in ${zoneLabel}`;
  const errorList = errors ? Object.entries(errors).filter(([, m]) => m?.length) : [];
  const message = clientErrors ? 'Please correct the highlighted fields.' : state && !state.ok && !conflict ? state.error : null;

  return (
    <form onSubmit={submit} noValidate aria-label={incident ? 'Edit postmortem' : 'New postmortem'} className="space-y-6">
      {restoredAt && (
        <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100">
          <span>Restored unsaved changes from {new Date(restoredAt).toLocaleString()}.</span>
          <button type="button" className={secondaryButtonClass} onClick={discard}>
            Discard unsaved changes
          </button>
        </div>
      )}

      {conflict && (
        <ConflictPanel
          mine={form}
          conflict={conflict}
          onKeepMine={() => {
            setResolvedConflict(state);
            commit({ form, baseVersion: conflict.version });
          }}
          onTakeCurrent={() => {
            setResolvedConflict(state);
            commit({ form: conflict.form, baseVersion: conflict.version });
          }}
        />
      )}

      {message && (
        <div id="form-errors" tabIndex={-1} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <p className="font-medium">{message}</p>
          {errorList.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {errorList.slice(0, 20).map(([path, m]) => (
                <li key={path}>
                  <a href={`#${fieldId(path)}`} className="underline">
                    {path}
                  </a>
                  : {m!.join(' ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Overview</legend>
        <TextInput path="title" label="Title" className="sm:col-span-2" value={form.title} onValue={(v) => set('title', v)} errors={errors} required />
        <TextInput
          path="slug"
          label="Slug"
          hint={incident ? 'The permanent address of this incident.' : 'Lowercase words joined by dashes; proposed from the title.'}
          value={form.slug}
          readOnly={!!incident}
          onValue={(v) => {
            setSlugEdited(true);
            set('slug', v);
          }}
          errors={errors}
        />
        <TextInput path="author" label="Written by" value={form.author} onValue={(v) => set('author', v)} errors={errors} />
        <TextArea path="summary" label="Summary" rows={3} className="sm:col-span-2" hint="One or two sentences: what broke, for whom, how it was fixed." value={form.summary} onValue={(v) => set('summary', v)} errors={errors} />
        <Select path="severity" label="Severity" value={form.severity} onValue={(v) => set('severity', v)} options={options(Object.values(Severity))} errors={errors} />
        <Select
          path="status"
          label="Status"
          hint={form.draft ? 'The status it gets when published.' : undefined}
          value={form.status}
          onValue={(v) => set('status', v)}
          options={options(PUBLISHED_STATUSES, (s) => STATUS_LABEL[s])}
          errors={errors}
        />
        <TextInput path="source" label="Source URL (optional)" type="url" value={form.source} onValue={(v) => set('source', v)} errors={errors} />
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 dark:border-slate-800">
        <legend className="px-1 text-base font-semibold">Times</legend>
        <TextInput
          path="timezone"
          label="Time zone"
          list="time-zones"
          hint={`Times below are read on this clock: ${zoneLabel}. Stored as UTC instants.`}
          value={form.timezone}
          onValue={(v) => set('timezone', v)}
          errors={errors}
          autoComplete="off"
          className="sm:col-span-2"
        />
        <datalist id="time-zones">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <TextInput path="startedAt" label="Started" placeholder="2020-10-14 13:50" hint={timeHint} value={form.startedAt} onValue={(v) => set('startedAt', v)} errors={errors} />
        <TextInput path="detectedAt" label="Detected" placeholder="optional" hint={timeHint} value={form.detectedAt} onValue={(v) => set('detectedAt', v)} errors={errors} />
        <TextInput path="mitigatedAt" label="Mitigated" placeholder="optional" hint={timeHint} value={form.mitigatedAt} onValue={(v) => set('mitigatedAt', v)} errors={errors} />
        <TextInput path="resolvedAt" label="Resolved" placeholder="optional" hint={timeHint} value={form.resolvedAt} onValue={(v) => set('resolvedAt', v)} errors={errors} />
      </fieldset>

      <TextArea path="impact" label="Impact" rows={4} hint="Who was affected and for how long." value={form.impact} onValue={(v) => set('impact', v)} errors={errors} />

      <div className="grid gap-4 md:grid-cols-2">
        <RowList path="services" legend="Affected services" noun="service" rows={form.services} onRows={(r) => set('services', r)} newRow={emptyRow.services} firstField="" errors={errors} hint="Pick an existing service or type a new one.">
          {(row, i, update) => (
            <TextInput path={`services.${i}`} label={`Service ${i + 1}`} list="known-services" autoComplete="off" value={row.value} onValue={(value) => update({ value })} errors={errors} />
          )}
        </RowList>
        <RowList path="tags" legend="Tags" noun="tag" rows={form.tags} onRows={(r) => set('tags', r)} newRow={emptyRow.tags} firstField="" errors={errors} hint="Lowercase words joined by dashes; existing tags are suggested.">
          {(row, i, update) => (
            <TextInput path={`tags.${i}`} label={`Tag ${i + 1}`} list="known-tags" autoComplete="off" value={row.value} onValue={(value) => update({ value })} errors={errors} />
          )}
        </RowList>
        <datalist id="known-services">
          {opts.services.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <datalist id="known-tags">
          {opts.tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>

      <RowList path="symptoms" legend="Symptoms" noun="symptom" rows={form.symptoms} onRows={(r) => set('symptoms', r)} newRow={emptyRow.symptoms} firstField="" errors={errors} hint="Observable statements, as someone would search for them next time.">
        {(row, i, update) => <TextInput path={`symptoms.${i}`} label={`Symptom ${i + 1}`} value={row.value} onValue={(value) => update({ value })} errors={errors} />}
      </RowList>

      <RowList path="timeline" legend="Timeline" noun="timeline entry" rows={form.timeline} onRows={(r) => set('timeline', r)} newRow={emptyRow.timeline} firstField="at" errors={errors} hint={`Times in ${zoneLabel}.`}>
        {(row, i, update) => (
          <div className="grid gap-2 sm:grid-cols-[12rem_10rem_1fr]">
            <TextInput path={`timeline.${i}.at`} label={`Timeline entry ${i + 1} time`} placeholder="2020-10-14 13:50" value={row.at} onValue={(at) => update({ at })} errors={errors} />
            <Select path={`timeline.${i}.kind`} label={`Timeline entry ${i + 1} kind`} value={row.kind} onValue={(kind) => update({ kind })} options={options(Object.values(TimelineKind))} errors={errors} />
            <TextArea path={`timeline.${i}.text`} label={`Timeline entry ${i + 1} text`} rows={2} value={row.text} onValue={(text) => update({ text })} errors={errors} />
          </div>
        )}
      </RowList>

      <div className="space-y-2">
        <Select path="rootCause" label="Root cause" hint="“Unknown” is a valid answer; list what contributed anyway." value={form.rootCause} onValue={(v) => set('rootCause', v)} options={options(Object.values(RootCause), (r) => ROOT_CAUSE_LABEL[r])} errors={errors} />
        <RowList path="contributingFactors" legend="Contributing factors" noun="contributing factor" rows={form.contributingFactors} onRows={(r) => set('contributingFactors', r)} newRow={emptyRow.contributingFactors} firstField="title" errors={errors}>
          {(row, i, update) => (
            <div className="grid gap-2">
              <TextInput path={`contributingFactors.${i}.title`} label={`Contributing factor ${i + 1} title`} value={row.title} onValue={(title) => update({ title })} errors={errors} />
              <TextArea path={`contributingFactors.${i}.detail`} label={`Contributing factor ${i + 1} detail (optional)`} rows={2} value={row.detail} onValue={(detail) => update({ detail })} errors={errors} />
            </div>
          )}
        </RowList>
      </div>

      <RowList path="resolutionSteps" legend="Resolution steps" noun="resolution step" rows={form.resolutionSteps} onRows={(r) => set('resolutionSteps', r)} newRow={emptyRow.resolutionSteps} firstField="text" errors={errors}>
        {(row, i, update) => (
          <div className="grid gap-2 sm:grid-cols-2">
            <TextArea path={`resolutionSteps.${i}.text`} label={`Resolution step ${i + 1} text`} rows={2} className="sm:col-span-2" value={row.text} onValue={(text) => update({ text })} errors={errors} />
            <TextInput path={`resolutionSteps.${i}.command`} label={`Resolution step ${i + 1} command (optional)`} className="font-mono" spellCheck={false} autoComplete="off" value={row.command} onValue={(command) => update({ command })} errors={errors} />
            {(opts.checks.length > 0 || row.check) && (
              <Select
                path={`resolutionSteps.${i}.check`}
                label={`Resolution step ${i + 1} catalog check (optional)`}
                value={row.check}
                onValue={(check) => update({ check })}
                options={[{ value: '', label: 'None' }, ...opts.checks.map((c) => ({ value: c.slug, label: c.title })), ...(row.check && !opts.checks.some((c) => c.slug === row.check) ? [{ value: row.check, label: `${row.check} (not in the catalog)` }] : [])]}
                errors={errors}
              />
            )}
          </div>
        )}
      </RowList>

      <RowList path="actionItems" legend="Action items" noun="action item" rows={form.actionItems} onRows={(r) => set('actionItems', r)} newRow={emptyRow.actionItems} firstField="text" errors={errors}>
        {(row, i, update) => (
          <div className="grid gap-2 sm:grid-cols-3">
            <TextInput path={`actionItems.${i}.text`} label={`Action item ${i + 1} text`} className="sm:col-span-3" value={row.text} onValue={(text) => update({ text })} errors={errors} />
            <TextInput path={`actionItems.${i}.owner`} label={`Action item ${i + 1} owner`} value={row.owner} onValue={(owner) => update({ owner })} errors={errors} />
            <TextInput path={`actionItems.${i}.due`} label={`Action item ${i + 1} due date`} placeholder="YYYY-MM-DD" value={row.due} onValue={(due) => update({ due })} errors={errors} />
            <Select path={`actionItems.${i}.status`} label={`Action item ${i + 1} status`} value={row.status} onValue={(status) => update({ status })} options={options(Object.values(ActionItemStatus), (s) => ACTION_STATUS_LABEL[s])} errors={errors} />
          </div>
        )}
      </RowList>

      {opts.runbooks.length > 0 && (
        <fieldset className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <legend className="px-1 text-base font-semibold">Linked runbooks</legend>
          <ListError path="runbooks" errors={errors} />
          <ul className="space-y-1">
            {opts.runbooks.map((r) => (
              <li key={r.slug}>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={form.runbooks.includes(r.slug)}
                    onChange={(e) => set('runbooks', e.target.checked ? [...form.runbooks, r.slug] : form.runbooks.filter((s) => s !== r.slug))}
                  />
                  {r.title}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <TextArea path="lessons" label="Lessons (markdown, optional)" rows={4} value={form.lessons} onValue={(v) => set('lessons', v)} errors={errors} />

      <NarrativeEditor value={form.narrative} onValue={(v) => set('narrative', v)} errors={errors} />

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3 dark:border-slate-800 dark:bg-slate-950/95">
        {form.draft ? (
          <>
            <button type="submit" name="intent" value="publish" className={buttonClass} disabled={pending}>
              Publish
            </button>
            <button type="submit" name="intent" value="draft" className={secondaryButtonClass} disabled={pending}>
              Save draft
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value="publish" className={buttonClass} disabled={pending}>
            Save changes
          </button>
        )}
        <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {pending ? 'Saving…' : 'Unsaved input is kept in this browser until you save.'}
        </span>
      </div>
    </form>
  );
}
