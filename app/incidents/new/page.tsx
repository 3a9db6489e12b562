import Link from 'next/link';
import { IncidentForm } from '@/components/incidents/form/IncidentForm';
import { requirePageRole } from '@/lib/auth/session';
import { getFormOptions } from '@/lib/incidents/authoring-queries';
import { emptyIncidentForm } from '@/lib/incidents/form';
import { listTemplates } from '@/lib/templates/queries';
import { templateSlugSchema } from '@/lib/templates/schema';
import { templateToForm } from '@/lib/templates/to-form';

export const metadata = { title: 'New postmortem' };

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<{ template?: string | string[] }> }) {
  const viewer = (await requirePageRole('author', '/incidents/new'))!;
  const raw = (await searchParams).template;
  // An unknown or malformed template name starts from the blank form.
  const chosen = templateSlugSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const [options, templates] = await Promise.all([getFormOptions(), listTemplates()]);
  const template = chosen.success ? templates.find((t) => t.slug === chosen.data) : undefined;
  const initial = template
    ? templateToForm(template.frontmatter, template.narrative, viewer.name)
    : emptyIncidentForm(viewer.name);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">New postmortem{template ? `: ${template.frontmatter.name}` : ''}</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Save a draft at any time: drafts are seen only by authors and editors. Publishing needs a summary, a service, a symptom
        and a timeline entry.
      </p>
      {templates.length > 0 && (
        <nav aria-labelledby="templates-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="templates-heading" className="text-base font-semibold">
            Start from a template
          </h2>
          <ul className="mt-2 grid gap-2 sm:grid-cols-3">
            {templates.map((t) => (
              <li key={t.slug}>
                <Link
                  href={`/incidents/new?template=${t.slug}`}
                  aria-current={template?.slug === t.slug ? 'page' : undefined}
                  className="block rounded-md border border-slate-300 p-3 hover:bg-slate-50 aria-[current=page]:border-2 aria-[current=page]:border-blue-700 dark:border-slate-700 dark:hover:bg-slate-900 dark:aria-[current=page]:border-sky-400"
                >
                  <span className="font-medium text-blue-800 underline dark:text-sky-300">{t.frontmatter.name}</span>
                  {template?.slug === t.slug && <span className="text-sm"> (in use)</span>}
                  <span className="mt-1 block text-sm text-slate-700 dark:text-slate-300">{t.frontmatter.description}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <IncidentForm key={template?.slug ?? 'blank'} initial={initial} options={options} userId={viewer.id} />
    </div>
  );
}
