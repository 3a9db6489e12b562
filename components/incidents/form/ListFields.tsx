// The list parts of the postmortem form: rows to add, remove and reorder.
import { ActionItemStatus, RootCause, TimelineKind } from '@/lib/generated/prisma/enums';
import type { FormOptions } from '@/lib/incidents/authoring-queries';
import { emptyRow, type IncidentForm as Form } from '@/lib/incidents/form';
import { ListError, options, Select, TextArea, TextInput, type Errors } from './fields';
import { NarrativeEditor } from './NarrativeEditor';
import type { SetField } from './OverviewFields';
import { RowList } from './RowList';

const ROOT_CAUSE_LABEL: Record<RootCause, string> = { known: 'Known', suspected: 'Suspected', unknown: 'Unknown' };
const ACTION_STATUS_LABEL: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};

type Props = { form: Form; set: SetField; errors?: Errors; options: FormOptions; zoneLabel: string };

/** Services and tags: one name a row, suggested from the `known-<path>` list. */
function NameRows({
  path,
  legend,
  noun,
  label,
  hint,
  form,
  set,
  errors,
}: Pick<Props, 'form' | 'set' | 'errors'> & {
  path: 'services' | 'tags';
  legend: string;
  noun: string;
  label: string;
  hint: string;
}) {
  return (
    <RowList
      path={path}
      legend={legend}
      noun={noun}
      rows={form[path]}
      onRows={(r) => set(path, r)}
      newRow={emptyRow[path]}
      firstField=""
      errors={errors}
      hint={hint}
    >
      {(row, i, update) => (
        <TextInput
          path={`${path}.${i}`}
          label={`${label} ${i + 1}`}
          list={`known-${path}`}
          autoComplete="off"
          value={row.value}
          onValue={(value) => update({ value })}
          errors={errors}
        />
      )}
    </RowList>
  );
}

export function ListFields({ form, set, errors, options: opts, zoneLabel }: Props) {
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <NameRows
          path="services"
          legend="Affected services"
          noun="service"
          label="Service"
          hint="Pick an existing service or type a new one."
          {...{ form, set, errors }}
        />
        <NameRows
          path="tags"
          legend="Tags"
          noun="tag"
          label="Tag"
          hint="Lowercase words joined by dashes; existing tags are suggested."
          {...{ form, set, errors }}
        />
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

      <RowList
        path="symptoms"
        legend="Symptoms"
        noun="symptom"
        rows={form.symptoms}
        onRows={(r) => set('symptoms', r)}
        newRow={emptyRow.symptoms}
        firstField=""
        errors={errors}
        hint="Observable statements, as someone would search for them next time."
      >
        {(row, i, update) => (
          <TextInput
            path={`symptoms.${i}`}
            label={`Symptom ${i + 1}`}
            value={row.value}
            onValue={(value) => update({ value })}
            errors={errors}
          />
        )}
      </RowList>

      <RowList
        path="timeline"
        legend="Timeline"
        noun="timeline entry"
        rows={form.timeline}
        onRows={(r) => set('timeline', r)}
        newRow={emptyRow.timeline}
        firstField="at"
        errors={errors}
        hint={`Times in ${zoneLabel}.`}
      >
        {(row, i, update) => (
          <div className="grid gap-2 sm:grid-cols-[12rem_10rem_1fr]">
            <TextInput
              path={`timeline.${i}.at`}
              label={`Timeline entry ${i + 1} time`}
              placeholder="2020-10-14 13:50"
              value={row.at}
              onValue={(at) => update({ at })}
              errors={errors}
            />
            <Select
              path={`timeline.${i}.kind`}
              label={`Timeline entry ${i + 1} kind`}
              value={row.kind}
              onValue={(kind) => update({ kind })}
              options={options(Object.values(TimelineKind))}
              errors={errors}
            />
            <TextArea
              path={`timeline.${i}.text`}
              label={`Timeline entry ${i + 1} text`}
              rows={2}
              value={row.text}
              onValue={(text) => update({ text })}
              errors={errors}
            />
          </div>
        )}
      </RowList>

      <div className="space-y-2">
        <Select
          path="rootCause"
          label="Root cause"
          hint="“Unknown” is a valid answer; list what contributed anyway."
          value={form.rootCause}
          onValue={(v) => set('rootCause', v)}
          options={options(Object.values(RootCause), (r) => ROOT_CAUSE_LABEL[r])}
          errors={errors}
        />
        <RowList
          path="contributingFactors"
          legend="Contributing factors"
          noun="contributing factor"
          rows={form.contributingFactors}
          onRows={(r) => set('contributingFactors', r)}
          newRow={emptyRow.contributingFactors}
          firstField="title"
          errors={errors}
        >
          {(row, i, update) => (
            <div className="grid gap-2">
              <TextInput
                path={`contributingFactors.${i}.title`}
                label={`Contributing factor ${i + 1} title`}
                value={row.title}
                onValue={(title) => update({ title })}
                errors={errors}
              />
              <TextArea
                path={`contributingFactors.${i}.detail`}
                label={`Contributing factor ${i + 1} detail (optional)`}
                rows={2}
                value={row.detail}
                onValue={(detail) => update({ detail })}
                errors={errors}
              />
            </div>
          )}
        </RowList>
      </div>

      <RowList
        path="resolutionSteps"
        legend="Resolution steps"
        noun="resolution step"
        rows={form.resolutionSteps}
        onRows={(r) => set('resolutionSteps', r)}
        newRow={emptyRow.resolutionSteps}
        firstField="text"
        errors={errors}
      >
        {(row, i, update) => (
          <div className="grid gap-2 sm:grid-cols-2">
            <TextArea
              path={`resolutionSteps.${i}.text`}
              label={`Resolution step ${i + 1} text`}
              rows={2}
              className="sm:col-span-2"
              value={row.text}
              onValue={(text) => update({ text })}
              errors={errors}
            />
            <TextInput
              path={`resolutionSteps.${i}.command`}
              label={`Resolution step ${i + 1} command (optional)`}
              className="font-mono"
              spellCheck={false}
              autoComplete="off"
              value={row.command}
              onValue={(command) => update({ command })}
              errors={errors}
            />
            {(opts.checks.length > 0 || row.check) && (
              <Select
                path={`resolutionSteps.${i}.check`}
                label={`Resolution step ${i + 1} catalog check (optional)`}
                value={row.check}
                onValue={(check) => update({ check })}
                options={[
                  { value: '', label: 'None' },
                  ...opts.checks.map((c) => ({ value: c.slug, label: c.title })),
                  ...(row.check && !opts.checks.some((c) => c.slug === row.check)
                    ? [{ value: row.check, label: `${row.check} (not in the catalog)` }]
                    : []),
                ]}
                errors={errors}
              />
            )}
          </div>
        )}
      </RowList>

      <RowList
        path="actionItems"
        legend="Action items"
        noun="action item"
        rows={form.actionItems}
        onRows={(r) => set('actionItems', r)}
        newRow={emptyRow.actionItems}
        firstField="text"
        errors={errors}
      >
        {(row, i, update) => (
          <div className="grid gap-2 sm:grid-cols-3">
            <TextInput
              path={`actionItems.${i}.text`}
              label={`Action item ${i + 1} text`}
              className="sm:col-span-3"
              value={row.text}
              onValue={(text) => update({ text })}
              errors={errors}
            />
            <TextInput
              path={`actionItems.${i}.owner`}
              label={`Action item ${i + 1} owner`}
              value={row.owner}
              onValue={(owner) => update({ owner })}
              errors={errors}
            />
            <TextInput
              path={`actionItems.${i}.due`}
              label={`Action item ${i + 1} due date`}
              placeholder="YYYY-MM-DD"
              value={row.due}
              onValue={(due) => update({ due })}
              errors={errors}
            />
            <Select
              path={`actionItems.${i}.status`}
              label={`Action item ${i + 1} status`}
              value={row.status}
              onValue={(status) => update({ status })}
              options={options(Object.values(ActionItemStatus), (s) => ACTION_STATUS_LABEL[s])}
              errors={errors}
            />
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
                    onChange={(e) =>
                      set('runbooks', e.target.checked ? [...form.runbooks, r.slug] : form.runbooks.filter((s) => s !== r.slug))
                    }
                  />
                  {r.title}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <TextArea
        path="lessons"
        label="Lessons (markdown, optional)"
        rows={4}
        value={form.lessons}
        onValue={(v) => set('lessons', v)}
        errors={errors}
      />

      <NarrativeEditor value={form.narrative} onValue={(v) => set('narrative', v)} errors={errors} />
    </>
  );
}
