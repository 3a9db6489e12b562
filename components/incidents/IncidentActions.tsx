import Link from 'next/link';

const linkClass = 'text-blue-800 underline hover:no-underline dark:text-sky-300';

/** Edit, history and export links above an incident. */
export function IncidentActions({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  return (
    <nav aria-label="Incident actions" className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {canEdit && (
        <Link href={`/incidents/${slug}/edit`} className={linkClass}>
          Edit
        </Link>
      )}
      <Link href={`/incidents/${slug}/history`} className={linkClass}>
        History
      </Link>
      {/* A plain link: the route answers with a file download. */}
      <a href={`/api/incidents/${slug}/export`} download className={linkClass}>
        Download markdown
      </a>
    </nav>
  );
}

export function DraftNotice() {
  return (
    <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
      Draft: only authors and editors can see it. Publish it from the edit page.
    </p>
  );
}
