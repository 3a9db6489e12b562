'use client';
// "Hosts with labels": selects every listed host carrying all the labels typed
// (`site=par1,tier=edge`), the same rule the server applies to a launch's
// hostLabels. The pick stays editable one host at a time afterwards.
import { useId, useState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { hasLabels, parseLabels, type HostLabels } from '@/lib/hosts/labels';

type Host = { id: string; labels: HostLabels };

const small =
  'w-56 rounded-md border border-slate-400 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900';

export function LabelPicker({
  hosts,
  onPick,
  onProblem,
}: {
  hosts: readonly Host[];
  onPick: (ids: string[]) => void;
  onProblem: (message: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  if (!hosts.some((h) => Object.keys(h.labels).length > 0)) return null;
  const pick = () => {
    const parsed = parseLabels(text);
    if (!parsed.ok) return onProblem(parsed.error);
    if (Object.keys(parsed.labels).length === 0) return onProblem('Type labels, e.g. site=par1,tier=edge.');
    const found = hosts.filter((h) => hasLabels(h.labels, parsed.labels));
    if (found.length === 0) return onProblem(`No host has the labels ${text.trim()}.`);
    onPick(found.map((h) => h.id));
  };
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-sm">
        Hosts with labels
      </label>
      <input
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            pick();
          }
        }}
        placeholder="site=par1,tier=edge"
        className={small}
      />
      <button type="button" className={secondaryButtonClass} onClick={pick}>
        Select
      </button>
    </div>
  );
}
