'use client';
// The postmortem form: every part of an incident, drafts and publishing,
// optimistic concurrency and input kept in the browser until saved.
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useMemo, useState, type FormEvent } from 'react';
import { buttonClass, secondaryButtonClass } from '@/components/forms/Field';
import { fieldErrorsOf } from '@/lib/actions/result';
import { zoneAbbreviation } from '@/lib/format/time';
import { fromLocalInput, isTimeZone } from '@/lib/format/zoned';
import { saveIncident } from '@/lib/incidents/actions';
import type { FormOptions } from '@/lib/incidents/authoring-queries';
import { incidentFormSchema, slugFromTitle, withLiveTimeErrors, type IncidentForm as Form } from '@/lib/incidents/form';
import { ConflictPanel } from './ConflictPanel';
import { ErrorSummary } from './ErrorSummary';
import type { Errors } from './fields';
import { ListFields } from './ListFields';
import { OverviewFields } from './OverviewFields';
import { storageKeyFor, useLocalDraft, type Session } from './useLocalDraft';

type SaveResult = Awaited<ReturnType<typeof saveIncident>>;

type Props = {
  initial: Form;
  /** Absent for a new postmortem. */
  incident?: { id: string; slug: string; version: number };
  options: FormOptions;
  /** Unsaved input in the browser is kept per user. */
  userId: string;
};

export function IncidentForm({ initial, incident, options: opts, userId }: Props) {
  const router = useRouter();
  const initialSession = useMemo<Session>(
    () => ({ form: initial, baseVersion: incident?.version ?? null }),
    [initial, incident?.version],
  );
  const { session, commit, clear, discard, restoredAt } = useLocalDraft(
    storageKeyFor(userId, incident?.slug ?? null),
    initialSession,
  );
  const form = session.form;
  const [state, dispatch, pending] = useActionState<SaveResult | null, FormData>(saveIncident, null);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const [slugEdited, setSlugEdited] = useState(!!incident);
  const [resolvedConflict, setResolvedConflict] = useState<SaveResult | null>(null);

  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  // Times are judged as they are typed, with the parser the save uses.
  const errors: Errors = withLiveTimeErrors(clientErrors ?? serverErrors, form);
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
  const message = clientErrors ? 'Please correct the highlighted fields.' : state && !state.ok && !conflict ? state.error : null;

  return (
    <form
      onSubmit={submit}
      noValidate
      data-sticky-actions
      aria-label={incident ? 'Edit postmortem' : 'New postmortem'}
      className="space-y-6"
    >
      {restoredAt && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100"
        >
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

      {message && <ErrorSummary message={message} errors={errors} />}

      <OverviewFields
        form={form}
        set={set}
        errors={errors}
        editing={!!incident}
        onSlugTyped={() => setSlugEdited(true)}
        zoneLabel={zoneLabel}
      />
      <ListFields form={form} set={set} errors={errors} options={opts} zoneLabel={zoneLabel} />

      <div
        data-sticky-bar
        className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3 dark:border-slate-800 dark:bg-slate-950/95"
      >
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
