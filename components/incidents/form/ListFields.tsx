// The list parts of the postmortem form: rows to add, remove and reorder.
import type { ReactNode } from 'react';
import { slugifyTagTyping } from '@/lib/format/tag';
import { ActionItemStatus, RootCause, TimelineKind } from '@/lib/generated/prisma/enums';
import type { FormOptions } from '@/lib/incidents/authoring-queries';
import { emptyRow, type IncidentForm as Form, type ListKey } from '@/lib/incidents/form';
import { ListError, options, Select, TextArea, TextInput, type Errors } from './fields';
import { NarrativeEditor } from './NarrativeEditor';
import type { SetField } from './OverviewFields';
import { RowList, type RowListProps } from './RowList';

const ROOT_CAUSE_LABEL: Record<RootCause, string> = { known: 'Known', suspected: 'Suspected', unknown: 'Unknown' };
const ACTION_STATUS_LABEL: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};

type Props = { form: Form; set: SetField; errors?: Errors; options: FormOptions; zoneLabel: string };
type ListProps = Pick<Props, 'form' | 'set' | 'errors'>;
type RowOf<K extends ListKey> = Form[K][number];
type FieldProps<V> = { path: string; label: string; value: V; onValue: (value: V) => void; errors?: Errors };
/** Ties one field of a row to the form: `field('at', 'time')` is "timeline.2.at", labelled "Timeline entry 3 time". */
type RowField<K extends ListKey> = <F extends Exclude<keyof RowOf<K>, 'key'> & string>(
  name: F,
  what: string,
) => FieldProps<RowOf<K>[F]>;
type RowParts<K extends ListKey> = {
  row: RowOf<K>;
  i: number;
  update: (patch: Partial<RowOf<K>>) => void;
  field: RowField<K>;
};

/**
 * One of the form's lists: its rows, their setter and a new row follow from `path`, and each
 * field's path, label and value from `field`, so each list below names only what differs.
 */
function FormRows<K extends ListKey>({
  path,
  noun,
  form,
  set,
  errors,
  children,
  ...shown
}: ListProps & { path: K; children: (parts: RowParts<K>) => ReactNode } & Omit<
    RowListProps<RowOf<K>>,
    'path' | 'rows' | 'onRows' | 'newRow' | 'errors' | 'children'
  >) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <RowList<RowOf<K>>
      path={path}
      noun={noun}
      rows={form[path]}
      onRows={(rows) => set(path, rows as Form[K])}
      newRow={emptyRow[path]}
      errors={errors}
      {...shown}
    >
      {(row, i, update) =>
        children({
          row,
          i,
          update,
          field: (name, what) => ({
            path: `${path}.${i}.${name}`,
            label: `${Noun} ${i + 1} ${what}`,
            value: row[name],
            // A computed key types as a string index; `name` is one of the row's own keys.
            onValue: (value) => update({ [name]: value } as unknown as Partial<RowOf<K>>),
            errors,
          }),
        })
      }
    </RowList>
  );
}

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
}: ListProps & {
  path: 'services' | 'tags';
  legend: string;
  noun: string;
  label: string;
  hint: string;
}) {
  return (
    <FormRows path={path} legend={legend} noun={noun} firstField="" hint={hint} {...{ form, set, errors }}>
      {({ row, i, update }) => (
        <TextInput
          path={`${path}.${i}`}
          label={`${label} ${i + 1}`}
          list={`known-${path}`}
          autoComplete="off"
          value={row.value}
          // Tags take their stored spelling as they are typed ("Disk Full" -> "disk-full"), so
          // Publish never refuses a capital letter; services keep the name as written.
          onValue={(value) => update({ value: path === 'tags' ? slugifyTagTyping(value) : value })}
          errors={errors}
        />
      )}
    </FormRows>
  );
}

/** The factor categories as choices; a stored slug the list no longer has stays shown. */
function categoryOptions(categories: FormOptions['categories'], current: string) {
  return [
    { value: '', label: 'Not categorized' },
    ...categories.map((c) => ({ value: c.slug, label: c.label })),
    ...(current && !categories.some((c) => c.slug === current)
      ? [{ value: current, label: `${current} (not in the list)` }]
      : []),
  ];
}

export function ListFields({ form, set, errors, options: opts, zoneLabel }: Props) {
  const list = { form, set, errors };
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <NameRows
          path="services"
          legend="Affected services"
          noun="service"
          label="Service"
          hint="Pick an existing service or type a new one."
          {...list}
        />
        <NameRows
          path="tags"
          legend="Tags"
          noun="tag"
          label="Tag"
          hint="Lowercase words joined by dashes, written so as you type; existing tags are suggested."
          {...list}
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

      <FormRows
        path="symptoms"
        legend="Symptoms"
        noun="symptom"
        firstField=""
        hint="Observable statements, as someone would search for them next time."
        {...list}
      >
        {({ row, i, update }) => (
          <TextInput
            path={`symptoms.${i}`}
            label={`Symptom ${i + 1}`}
            value={row.value}
            onValue={(value) => update({ value })}
            errors={errors}
          />
        )}
      </FormRows>

      <FormRows path="timeline" legend="Timeline" noun="timeline entry" firstField="at" hint={`Times in ${zoneLabel}.`} {...list}>
        {({ field }) => (
          <div className="grid gap-2 sm:grid-cols-[12rem_10rem_1fr]">
            <TextInput {...field('at', 'time')} placeholder="2020-10-14 13:50" hint={`On the incident's clock: ${zoneLabel}`} />
            <Select {...field('kind', 'kind')} options={options(Object.values(TimelineKind))} />
            <TextArea {...field('text', 'text')} rows={2} />
          </div>
        )}
      </FormRows>

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
        <Select
          path="trigger"
          label="Trigger"
          hint="What set the incident off, from the factor categories (optional)."
          value={form.trigger}
          onValue={(v) => set('trigger', v)}
          options={categoryOptions(opts.categories, form.trigger)}
          errors={errors}
        />
        <FormRows
          path="contributingFactors"
          legend="Contributing factors"
          noun="contributing factor"
          firstField="title"
          {...list}
        >
          {({ row, field }) => (
            <div className="grid gap-2">
              <TextInput {...field('title', 'title')} />
              <Select {...field('category', 'category (optional)')} options={categoryOptions(opts.categories, row.category)} />
              <TextArea {...field('detail', 'detail (optional)')} rows={2} />
            </div>
          )}
        </FormRows>
      </div>

      <FormRows path="resolutionSteps" legend="Resolution steps" noun="resolution step" firstField="text" {...list}>
        {({ row, field }) => (
          <div className="grid gap-2 sm:grid-cols-2">
            <TextArea {...field('text', 'text')} rows={2} className="sm:col-span-2" />
            <TextInput {...field('command', 'command (optional)')} className="font-mono" spellCheck={false} autoComplete="off" />
            {(opts.checks.length > 0 || row.check) && (
              <Select
                {...field('check', 'catalog check (optional)')}
                options={[
                  { value: '', label: 'None' },
                  ...opts.checks.map((c) => ({ value: c.slug, label: c.title })),
                  ...(row.check && !opts.checks.some((c) => c.slug === row.check)
                    ? [{ value: row.check, label: `${row.check} (not in the catalog)` }]
                    : []),
                ]}
              />
            )}
          </div>
        )}
      </FormRows>

      <FormRows path="actionItems" legend="Action items" noun="action item" firstField="text" {...list}>
        {({ field }) => (
          <div className="grid gap-2 sm:grid-cols-3">
            <TextInput {...field('text', 'text')} className="sm:col-span-3" />
            <TextInput {...field('owner', 'owner')} />
            <TextInput {...field('due', 'due date')} placeholder="YYYY-MM-DD" />
            <Select
              {...field('status', 'status')}
              options={options(Object.values(ActionItemStatus), (s) => ACTION_STATUS_LABEL[s])}
            />
          </div>
        )}
      </FormRows>

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
