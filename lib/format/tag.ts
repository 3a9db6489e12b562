// One spelling for tags, shared by the form (as the author types), the form's
// server action and every content reader: "Disk Full" -> "disk-full". No
// server-only imports: the browser runs the same function.

/** Longest tag: a label, not a sentence. Refused beyond it rather than cut, so two tags never merge. */
export const TAG_MAX = 40;

/**
 * The tag as stored: lowercase ASCII words joined by single dashes. Dots and
 * plus signs are kept ("ipv4", "c++", "k8s.io" stay meaningful); accents are
 * folded ("Réseau" -> "reseau"), anything else becomes a dash.
 */
export function slugifyTag(typed: string): string {
  return typed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.+]+|-+$/g, '');
}

/**
 * While typing, a trailing dash is where the next word goes ("disk " -> "disk-"):
 * trimming it as the author types would swallow every space.
 */
export function slugifyTagTyping(typed: string): string {
  const trailing = /[^a-z0-9.+]$/i.test(typed) && slugifyTag(typed) ? '-' : '';
  return slugifyTag(typed) + trailing;
}
