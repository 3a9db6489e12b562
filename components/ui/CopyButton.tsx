'use client';

import { useEffect, useState } from 'react';

type State = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays up: long enough to read, short enough to copy again. */
const RESET_MS = 2_000;

// navigator.clipboard only exists in secure contexts; an internal tool is often
// served over plain http on a LAN, so fall back to the old selection trick there.
function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function CopyButton({ text, label = 'Copy command' }: { text: string; label?: string }) {
  const [state, setState] = useState<State>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), RESET_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState(copyWithSelection(text) ? 'copied' : 'failed');
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={copy}
        aria-label={label}
        data-state={state}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 data-[state=copied]:border-green-600 data-[state=copied]:text-green-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700 dark:data-[state=copied]:border-green-500 dark:data-[state=copied]:text-green-300"
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
      {/* The button's name stays stable; screen readers hear the outcome here. */}
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Command copied' : state === 'failed' ? 'Could not copy the command' : ''}
      </span>
    </>
  );
}
