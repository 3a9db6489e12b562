'use client';
// The narrative in markdown, with a live preview from the same renderer as the
// incident page (a server action: the sanitizer and highlighter stay on the server).
import { useEffect, useState } from 'react';
import { Markdown } from '@/components/markdown/Markdown';
import { previewMarkdown } from '@/lib/incidents/actions';
import type { SanitizedHtml } from '@/lib/markdown/render';
import { TextArea, type Errors } from './fields';

/** Pause in typing before the preview refreshes: one request per pause, not per key. */
const PREVIEW_DEBOUNCE_MS = 400;

export function NarrativeEditor({ value, onValue, errors }: { value: string; onValue: (v: string) => void; errors?: Errors }) {
  const [preview, setPreview] = useState<{ source: string; html: SanitizedHtml | null; error?: string }>({
    source: '',
    html: null,
  });
  useEffect(() => {
    if (value === preview.source) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      previewMarkdown(value)
        .then(
          (r) => !cancelled && setPreview(r.ok ? { source: value, html: r.html } : { source: value, html: null, error: r.error }),
        )
        .catch(
          () =>
            !cancelled &&
            setPreview({ source: value, html: null, error: 'The preview is unavailable right now; your text is safe.' }),
        );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [value, preview.source]);

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <TextArea
        path="narrative"
        label="Narrative (markdown)"
        hint="The long-form story. Headings, lists, code blocks and links render as on the incident page."
        rows={18}
        className="font-mono"
        value={value}
        onValue={onValue}
        errors={errors}
      />
      <section aria-label="Narrative preview" className="min-h-40 rounded-md border border-slate-200 p-3 dark:border-slate-700">
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Preview</h3>
        {preview.error ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{preview.error}</p>
        ) : preview.html && value.trim() ? (
          <Markdown html={preview.html} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing to preview yet.</p>
        )}
      </section>
    </div>
  );
}
