// The list's filters as a GET form: the URL is the state, it works without JavaScript.
import { ACTION_ITEM_STATUS_LABEL, type ActionItemListParams } from '@/lib/action-items/schema';
import { ActionItemStatus } from '@/lib/generated/prisma/enums';

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';
const labelClass = 'block text-sm font-medium text-slate-700 dark:text-slate-300';

function Choice({
  name,
  label,
  all,
  options,
  value,
}: {
  name: string;
  label: string;
  all: string;
  options: { value: string; label: string }[];
  value?: string;
}) {
  // A value from the URL that the list lacks still shows as chosen.
  const shown = value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options;
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className={fieldClass}>
        <option value="">{all}</option>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ActionItemFilters({
  params,
  owners,
  services,
}: {
  params: ActionItemListParams;
  owners: string[];
  services: string[];
}) {
  return (
    <form
      action="/action-items"
      method="get"
      aria-label="Filter action items"
      className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 md:grid-cols-5 dark:border-slate-800 dark:bg-slate-900/50"
    >
      <Choice
        name="owner"
        label="Owner"
        all="Anyone"
        options={owners.map((o) => ({ value: o, label: o }))}
        value={params.owner}
      />
      <Choice
        name="service"
        label="Service"
        all="All services"
        options={services.map((s) => ({ value: s, label: s }))}
        value={params.service}
      />
      <Choice
        name="status"
        label="Status"
        all="Any status"
        options={Object.values(ActionItemStatus).map((s) => ({ value: s, label: ACTION_ITEM_STATUS_LABEL[s] }))}
        value={params.status}
      />
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
        <input type="checkbox" name="overdue" value="1" defaultChecked={params.overdue} className="h-4 w-4" />
        Overdue only
      </label>
      <button
        type="submit"
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600"
      >
        Apply filters
      </button>
    </form>
  );
}
