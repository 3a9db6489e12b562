'use client';
// Sign-out also forgets unsaved form input kept in this browser, so the next
// person at a shared machine finds none of it.
import { clearLocalDrafts } from '@/components/incidents/form/useLocalDraft';

export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action} onSubmit={() => clearLocalDrafts()}>
      <button type="submit" className="text-blue-800 hover:underline dark:text-sky-300">
        Sign out
      </button>
    </form>
  );
}
