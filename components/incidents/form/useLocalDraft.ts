'use client';
// Unsaved form input lives in localStorage until a save succeeds, so a reload or
// a crashed tab loses nothing. Keys carry the user's id, so the next person at a
// shared browser never sees it, and sign-out removes all of it (clearLocalDrafts). Read with useSyncExternalStore (no effect, no
// hydration mismatch: the server renders the stored version's absence).
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { incidentFormShape, type IncidentForm } from '@/lib/incidents/form';

export type Session = { form: IncidentForm; baseVersion: number | null };
type Stored = Session & { savedAt: string };

export { clearLocalDrafts, storageKeyFor } from './local-draft-keys';

const noop = () => () => {};
function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the form still works, it just cannot survive a reload
  }
}

function parse(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Stored;
    const form = incidentFormShape.safeParse(value.form);
    return form.success
      ? {
          form: form.data,
          baseVersion: typeof value.baseVersion === 'number' ? value.baseVersion : null,
          savedAt: String(value.savedAt),
        }
      : null;
  } catch {
    return null;
  }
}

export function useLocalDraft(key: string, initial: Session) {
  const raw = useSyncExternalStore(
    noop,
    () => read(key),
    () => null,
  );
  const stored = useMemo(() => parse(raw), [raw]);
  const unchanged =
    stored && JSON.stringify(stored.form) === JSON.stringify(initial.form) && stored.baseVersion === initial.baseVersion;
  const restored = stored && !unchanged ? stored : null;
  const [edited, setEdited] = useState<Session | null>(null);
  const session = edited ?? restored ?? initial;

  const commit = useCallback(
    (next: Session) => {
      setEdited(next);
      try {
        window.localStorage.setItem(key, JSON.stringify({ ...next, savedAt: new Date().toISOString() } satisfies Stored));
      } catch {
        // Quota or disabled storage: keep going; the form state is still in memory.
      }
    },
    [key],
  );
  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(key);
    } catch {}
  }, [key]);
  const discard = useCallback(() => {
    clear();
    setEdited(initial);
  }, [clear, initial]);

  return { session, commit, clear, discard, restoredAt: edited === null && restored ? restored.savedAt : null };
}
