// Where unsaved form input is kept in the browser, and how sign-out forgets it.
// Its own file, free of zod and the form schema, because the sign-out button is
// on every page: importing useLocalDraft there put zod and the whole incident
// form schema (about 40 KiB gzip) into every page's JavaScript.

const PREFIX = 'pmkb:incident-form:';
export const storageKeyFor = (userId: string, slug: string | null) => `${PREFIX}${userId}:${slug ?? 'new'}`;

/** On sign-out: every draft this app kept in this browser, of any user (and keys from before they carried one). */
export function clearLocalDrafts(storage: Pick<Storage, 'length' | 'key' | 'removeItem'> = window.localStorage): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage disabled: there is nothing in it.
  }
}
