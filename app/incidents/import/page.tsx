import { ImportForm } from '@/components/incidents/ImportForm';
import { requirePageRole } from '@/lib/auth/session';

export const metadata = { title: 'Import a postmortem' };

export default async function ImportIncidentPage() {
  await requirePageRole('author', '/incidents/import');
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Import a postmortem</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Upload a markdown file with YAML frontmatter in the format of <code>content/incidents/</code> (what &quot;Download
        markdown&quot; gives). An incident with the same slug is updated, and its previous version stays in the history; otherwise
        a new one is created.
      </p>
      <ImportForm />
    </div>
  );
}
