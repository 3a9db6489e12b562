import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IncidentForm } from '@/components/incidents/form/IncidentForm';
import { requirePageRole } from '@/lib/auth/session';
import { isSlug } from '@/lib/format/slug';
import { getFormOptions, getStoredIncident } from '@/lib/incidents/authoring-queries';
import { documentToForm } from '@/lib/incidents/form';

type Props = { params: Promise<{ slug: string }> };

export const metadata = { title: 'Edit postmortem' };

export default async function EditIncidentPage({ params }: Props) {
  const { slug } = await params;
  const viewer = (await requirePageRole('author', `/incidents/${slug}/edit`))!;
  const [stored, options] = await Promise.all([isSlug(slug) ? getStoredIncident({ slug }, true) : null, getFormOptions()]);
  if (!stored) notFound();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <p className="text-sm">
        <Link href={`/incidents/${slug}`} className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>Back to the incident
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight">Edit: {stored.document.title}</h1>
      <IncidentForm
        initial={documentToForm(stored.document)}
        incident={{ id: stored.id, slug: stored.slug, version: stored.version }}
        options={options}
        userId={viewer.id}
      />
    </div>
  );
}
