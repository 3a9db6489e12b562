import { NewIncidentForm } from '@/components/incidents/NewIncidentForm';
import { requirePageRole } from '@/lib/auth/session';

export const metadata = { title: 'New postmortem' };

export default async function NewIncidentPage() {
  await requirePageRole('author', '/incidents/new');
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">New postmortem</h1>
      <p className="text-slate-700 dark:text-slate-300">Start with a title; the postmortem is saved as a draft that only authors and editors see.</p>
      <NewIncidentForm />
    </div>
  );
}
