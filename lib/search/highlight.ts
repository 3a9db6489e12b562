// ts_headline marks matches with private-use characters (lib/search/sql.ts) and
// escapes nothing; these turn its output into safe forms.
import { MARK_END, MARK_START } from './sql';
import type { Highlighted } from './types';

const STRAY = new RegExp(`[${MARK_START}${MARK_END}]`, 'g');

export function parseHighlight(raw: string): Highlighted {
  const parts: Highlighted = [];
  let rest = raw;
  while (rest) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) {
      parts.push({ text: rest.replace(STRAY, ''), mark: false });
      break;
    }
    const end = rest.indexOf(MARK_END, start);
    if (start > 0) parts.push({ text: rest.slice(0, start).replace(STRAY, ''), mark: false });
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop).replace(STRAY, ''), mark: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** For the JSON API: HTML-escaped text with matches in <mark>, safe to insert as HTML. */
export function highlightToHtml(parts: Highlighted): string {
  return parts.map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}

export function highlightToText(parts: Highlighted): string {
  return parts.map((p) => p.text).join('');
}
