'use client';
// Paste an inventory or choose a file (read here into the text, so Preview and
// Apply send the same bytes), preview what would change with errors by line,
// then apply. Apply is offered once a preview of this exact text has no errors.
import { useActionState, useState } from 'react';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/forms/Field';
import { applyHostImport, previewHostImport } from '@/lib/hosts/actions';
import type { ImportReport } from '@/lib/hosts/import';

type Format = 'yaml' | 'csv';

export function HostImportForm() {
  const [text, setText] = useState('');
  const [format, setFormat] = useState<Format>('yaml');
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [preview, previewAction, previewPending] = useActionState(async (prev: unknown, fd: FormData) => {
    const result = await previewHostImport(prev, fd);
    setPreviewed(result.ok && result.report.counts.errors === 0 ? `${fd.get('format')}\n${fd.get('text')}` : null);
    return result;
  }, null);
  const [applied, applyAction, applyPending] = useActionState(applyHostImport, null);
  const canApply = previewed === `${format}\n${text}`;
  const shown = applied ?? preview;
  const report: ImportReport | undefined = shown ? shown.report : undefined;

  return (
    <form className="space-y-4" aria-label="Import hosts">
      <div className="flex flex-wrap items-end gap-4">
        <label className="text-sm font-medium text-slate-700 dark:text-slate-300">
          Inventory file
          <input
            type="file"
            accept=".yaml,.yml,.csv,text/csv,text/yaml,text/plain"
            className={inputClass}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFormat(/\.csv$/i.test(file.name) ? 'csv' : 'yaml');
              setText(await file.text());
            }}
          />
        </label>
        <label className="text-sm font-medium text-slate-700 dark:text-slate-300">
          Format
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value as Format)} className={inputClass}>
            <option value="yaml">YAML</option>
            <option value="csv">CSV</option>
          </select>
        </label>
      </div>
      <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        Inventory (paste, or choose a file above)
        <textarea
          name="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={12}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" formAction={previewAction} className={secondaryButtonClass} disabled={previewPending || !text}>
          Preview
        </button>
        <button type="submit" formAction={applyAction} className={buttonClass} disabled={applyPending || !canApply}>
          Apply
        </button>
      </div>
      {shown && !shown.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {shown.error}
        </p>
      )}
      {report && !report.error && <ImportReportView report={report} />}
    </form>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { created, updated, unchanged, errors } = report.counts;
  const would = report.applied ? '' : 'would be ';
  return (
    <section aria-label="Import report" className="space-y-2">
      <p role="status" className="text-sm font-medium">
        {report.applied ? 'Applied: ' : 'Preview: '}
        {created} {would}created, {updated} {would}updated, {unchanged} unchanged, {errors} with errors.
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="pr-4">
                Line
              </th>
              <th scope="col" className="pr-4">
                Host
              </th>
              <th scope="col" className="pr-4">
                Outcome
              </th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {report.rows
              .filter((r) => r.outcome !== 'unchanged')
              .map((r) => (
                <tr key={r.line} className={r.outcome === 'error' ? 'text-red-800 dark:text-red-300' : undefined}>
                  <td className="pr-4 font-mono">{r.line}</td>
                  <td className="pr-4 font-mono">{r.name ?? '—'}</td>
                  <td className="pr-4">{r.outcome === 'error' ? 'error' : `${would}${r.outcome}`}</td>
                  <td>{r.outcome === 'error' ? r.errors.join(' ') : r.changes.join(', ')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
