// The single-value parts of the postmortem form: overview, times and impact.
import { IncidentStatus, Severity } from '@/lib/generated/prisma/enums';
import type { IncidentForm as Form } from '@/lib/incidents/form';
import { options, Select, TextArea, TextInput, type Errors } from './fields';

/** The incident's four times, in the order they happen; only the start is required. */
const TIME_FIELDS = [
  { path: 'startedAt', label: 'Started', placeholder: '2020-10-14 13:50' },
  { path: 'detectedAt', label: 'Detected', placeholder: 'optional' },
  { path: 'mitigatedAt', label: 'Mitigated', placeholder: 'optional' },
  { path: 'resolvedAt', label: 'Resolved', placeholder: 'optional' },
] as const;

export type SetField = <K extends keyof Form>(key: K, value: Form[K]) => void;

const STATUS_LABEL = { investigating: 'Investigating', mitigated: 'Mitigated', resolved: 'Resolved' } as const;
const TIME_HINT = 'YYYY-MM-DD HH:MM, 24-hour';

let zoneNames: string[] | undefined;
/** Every zone the runtime knows, UTC first; computed once. */
function zones(): string[] {
  try {
    zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    zoneNames = ['UTC'];
  }
  return zoneNames;
}

type Props = { form: Form; set: SetField; errors?: Errors; editing: boolean; onSlugTyped: () => void; zoneLabel: string };

export function OverviewFields({ form, set, errors, editing, onSlugTyped, zoneLabel }: Props) {
  const timeHint = `${TIME_HINT}, in ${zoneLabel}`;
  return (
    <>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Overview</legend>
        <TextInput
          path="title"
          label="Title"
          className="sm:col-span-2"
          value={form.title}
          onValue={(v) => set('title', v)}
          errors={errors}
          required
        />
        <TextInput
          path="slug"
          label="Slug"
          hint={
            editing ? 'The permanent address of this incident.' : 'Lowercase words joined by dashes; proposed from the title.'
          }
          value={form.slug}
          readOnly={editing}
          onValue={(v) => {
            onSlugTyped();
            set('slug', v);
          }}
          errors={errors}
        />
        <TextInput path="author" label="Written by" value={form.author} onValue={(v) => set('author', v)} errors={errors} />
        <TextArea
          path="summary"
          label="Summary"
          rows={3}
          className="sm:col-span-2"
          hint="One or two sentences: what broke, for whom, how it was fixed."
          value={form.summary}
          onValue={(v) => set('summary', v)}
          errors={errors}
        />
        <Select
          path="severity"
          label="Severity"
          value={form.severity}
          onValue={(v) => set('severity', v)}
          options={options(Object.values(Severity))}
          errors={errors}
        />
        <Select
          path="status"
          label="Status"
          hint={form.draft ? 'Where the incident stands; a draft keeps it.' : undefined}
          value={form.status}
          onValue={(v) => set('status', v)}
          options={options(Object.values(IncidentStatus), (s) => STATUS_LABEL[s])}
          errors={errors}
        />
        <TextInput
          path="source"
          label="Source URL (optional)"
          type="url"
          value={form.source}
          onValue={(v) => set('source', v)}
          errors={errors}
        />
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
        {TIME_FIELDS.map(({ path, label, placeholder }) => (
          <TextInput
            key={path}
            path={path}
            label={label}
            placeholder={placeholder}
            hint={timeHint}
            value={form[path]}
            onValue={(v) => set(path, v)}
            errors={errors}
          />
        ))}
      </fieldset>

      <TextArea
        path="impact"
        label="Impact"
        rows={4}
        hint="Who was affected and for how long."
        value={form.impact}
        onValue={(v) => set('impact', v)}
        errors={errors}
      />
    </>
  );
}
