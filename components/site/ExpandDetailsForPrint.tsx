'use client';
// Opens every <details> before printing and closes again those it opened, so a
// printed postmortem or PDF holds the collapsed parts too. app/styles/print.css
// does it with ::details-content where the browser supports that; this covers the rest.
import { useEffect } from 'react';

export function ExpandDetailsForPrint() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return null;
}
