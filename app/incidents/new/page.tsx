import { IncidentForm } from '@/components/incidents/form/IncidentForm';
import { requirePageRole } from '@/lib/auth/session';
import { getFormOptions } from '@/lib/incidents/authoring-queries';
import { emptyIncidentForm } from '@/lib/incidents/form';

export const metadata = { title: 'New postmortem' };

export default async function NewIncidentPage() {
  const viewer = (await requirePageRole('author', '/incidents/new'))!;
  const options = await getFormOptions();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">New postmortem</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Save a draft at any time: drafts are seen only by authors and editors. Publishing needs a summary, a service, a symptom
        and a timeline entry.
      </p>
      <IncidentForm initial={emptyIncidentForm(viewer.name)} options={options} userId={viewer.id} />
    </div>
  );
}
