'use client';
// Sign-out also forgets unsaved form input kept in this browser, so the next
// person at a shared machine finds none of it.
// (From the small keys module: useLocalDraft would bring zod and the form schema to every page.)
import { clearLocalDrafts } from '@/components/incidents/form/local-draft-keys';

export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action} onSubmit={() => clearLocalDrafts()}>
      <button type="submit" className="text-blue-800 hover:underline dark:text-sky-300">
        Sign out
      </button>
    </form>
  );
}
