'use client';
// A list of rows the author can add to, remove from and reorder, by mouse and
// keyboard. Focus follows the action: a new row's first field, the row that took
// a removed row's place, or the moved row's button at its new position.
import { useEffect, useState, type ReactNode } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { fieldId, ListError, type Errors } from './fields';

export type RowListProps<T extends { key: string }> = {
  /** Path of the list in the form ("timeline"); row fields are "timeline.<i>.<field>". */
  path: string;
  legend: string;
  /** "timeline entry": used in button names, "Move timeline entry 2 up". */
  noun: string;
  rows: T[];
  onRows: (rows: T[]) => void;
  newRow: () => T;
  /** The path suffix of each row's first field, focused after add/remove ("at", or "" for single-value rows). */
  firstField: string;
  errors?: Errors;
  hint?: ReactNode;
  children: (row: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
};

const smallButton =
  'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';

export function RowList<T extends { key: string }>({
  path,
  legend,
  noun,
  rows,
  onRows,
  newRow,
  firstField,
  errors,
  hint,
  children,
}: RowListProps<T>) {
  const [focusTarget, setFocusTarget] = useState<{ id: string; n: number } | null>(null);
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  const focus = (id: string) => setFocusTarget((prev) => ({ id, n: (prev?.n ?? 0) + 1 }));
  const first = (i: number) => fieldId(firstField ? `${path}.${i}.${firstField}` : `${path}.${i}`);
  const addId = `${fieldId(path)}-add`;

  const add = () => {
    onRows([...rows, newRow()]);
    focus(first(rows.length));
  };
  const remove = (i: number) => {
    onRows(rows.filter((_, j) => j !== i));
    const next = rows.length - 1;
    focus(next === 0 ? addId : first(Math.min(i, next - 1)));
  };
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const copy = [...rows];
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    onRows(copy);
    // Stay on the same button at the row's new place, unless it is now disabled there.
    const atEdge = (by === -1 && j === 0) || (by === 1 && j === rows.length - 1);
    focus(`${fieldId(path)}-${j}-${atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`);
  };

  return (
    <fieldset
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      aria-describedby={errors?.[path]?.length ? `${fieldId(path)}-error` : undefined}
    >
      <legend className="px-1 text-base font-semibold text-slate-900 dark:text-slate-100">{legend}</legend>
      {hint && <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      <ListError path={path} errors={errors} />
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <li key={row.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
              <span aria-hidden="true" className="w-6 pt-7 text-sm text-slate-500 tabular-nums">
                {i + 1}.
              </span>
              <div className="min-w-0 flex-1">
                {children(row, i, (patch) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))))}
              </div>
              <div className="flex gap-1 sm:flex-col sm:pt-6">
                <button
                  type="button"
                  id={`${fieldId(path)}-${i}-up`}
                  className={smallButton}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${noun} ${i + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  id={`${fieldId(path)}-${i}-down`}
                  className={smallButton}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${noun} ${i + 1} down`}
                >
                  ↓
                </button>
                <button type="button" className={smallButton} onClick={() => remove(i)} aria-label={`Remove ${noun} ${i + 1}`}>
                  ✕
                </button>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" id={addId} className={`${secondaryButtonClass} mt-3`} onClick={add}>
        Add {noun}
      </button>
    </fieldset>
  );
}
