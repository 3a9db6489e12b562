import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RecheckButton } from '@/components/checks/EvidenceButtons';
import { RunHistory } from '@/components/checks/RunHistory';
import { ActionItems } from '@/components/incidents/ActionItems';
import { ContributingFactors } from '@/components/incidents/ContributingFactors';
import { DraftNotice, IncidentActions } from '@/components/incidents/IncidentActions';
import { IncidentHeader } from '@/components/incidents/IncidentHeader';
import { ResolutionSteps } from '@/components/incidents/ResolutionSteps';
import { Timeline } from '@/components/incidents/Timeline';
import { WithToc } from '@/components/layout/WithToc';
import { Markdown } from '@/components/markdown/Markdown';
import type { TocItem } from '@/components/markdown/TableOfContents';
import { nestToc } from '@/components/markdown/toc';
import { RelatedToIncident } from '@/components/search/RelatedToIncident';
import { ExpandDetailsForPrint } from '@/components/site/ExpandDetailsForPrint';
import { Section } from '@/components/ui/Section';
import { TagList } from '@/components/ui/TagList';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { getCheckEmbedContext, listRuns } from '@/lib/checks/queries';
import { isSlug } from '@/lib/format/slug';
import { paragraphs } from '@/lib/format/text';
import { getIncidentBySlug } from '@/lib/incidents/queries';
import type { IncidentDetail } from '@/lib/incidents/types';
import { relatedToIncident } from '@/lib/search/queries';

type Props = { params: Promise<{ slug: string }> };

// Section ids carry a prefix of their own; narrative headings get `user-content-`
// ids (lib/markdown/render.ts), so a "## Timeline" of the author's never collides with ours.
const ids = {
  symptoms: 'section-symptoms',
  impact: 'section-impact',
  timeline: 'section-timeline',
  factors: 'section-contributing-factors',
  resolution: 'section-resolution',
  runs: 'section-check-runs',
  actions: 'section-action-items',
  runbooks: 'section-runbooks',
  lessons: 'section-lessons',
  narrative: 'section-narrative',
  similar: 'section-similar',
};

/**
 * A published postmortem always shows its core sections (an empty one says so);
 * a draft shows only what has been written yet, so it reads as work in progress
 * rather than as a page of empty headings.
 */
function sectionsShown(incident: IncidentDetail, hasImpact: boolean) {
  const shown = (filled: boolean) => !incident.draft || filled;
  return {
    symptoms: shown(incident.symptoms.length > 0),
    impact: shown(hasImpact || incident.services.length > 0 || incident.tags.length > 0),
    timeline: shown(incident.timeline.length > 0),
    factors: shown(incident.factors.length > 0),
  };
}

async function load(params: Props['params']) {
  const { slug } = await params;
  const viewer = await requirePageRole('reader', `/incidents/${slug}`);
  // Drafts are visible to the people who can edit them.
  const incident = isSlug(slug) ? await getIncidentBySlug(slug, hasRole(viewer?.role, 'author')) : null;
  if (!incident) notFound();
  return { incident, canEdit: hasRole(viewer?.role, 'author'), canOperate: hasRole(viewer?.role, 'operator') };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incident } = await load(params);
  return { title: incident.title, description: incident.summary };
}

export default async function IncidentPage({ params }: Props) {
  const { incident, canEdit, canOperate } = await load(params);
  // Rendered when the incident was written: this page parses no markdown.
  const { narrative, lessons, commands } = incident.rendered;
  const [related, checks, runs] = await Promise.all([
    relatedToIncident(incident.id),
    getCheckEmbedContext(incident.steps.flatMap((s) => (s.checkSlug ? [s.checkSlug] : []))),
    listRuns({ incidentId: incident.id }, canEdit),
  ]);
  const impact = paragraphs(incident.impact);
  const show = sectionsShown(incident, impact.length > 0);

  const toc: TocItem[] = [
    ...(show.symptoms ? [{ id: ids.symptoms, text: 'Symptoms' }] : []),
    ...(show.impact ? [{ id: ids.impact, text: 'Impact' }] : []),
    ...(show.timeline ? [{ id: ids.timeline, text: 'Timeline' }] : []),
    ...(show.factors ? [{ id: ids.factors, text: 'Contributing factors' }] : []),
    ...(incident.steps.length ? [{ id: ids.resolution, text: 'Resolution' }] : []),
    ...(runs.total ? [{ id: ids.runs, text: 'Check runs' }] : []),
    ...(incident.actionItems.length ? [{ id: ids.actions, text: 'Action items' }] : []),
    ...(incident.runbooks.length ? [{ id: ids.runbooks, text: 'Runbooks' }] : []),
    ...(lessons ? [{ id: ids.lessons, text: 'Lessons' }] : []),
    ...(narrative ? [{ id: ids.narrative, text: 'Full write-up', children: nestToc(narrative.toc) }] : []),
    { id: ids.similar, text: 'Similar incidents' },
  ];

  return (
    <article>
      <p className="mb-4 text-sm">
        <Link href="/incidents" className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>All incidents
        </Link>
      </p>
      <ExpandDetailsForPrint />
      {incident.draft && <DraftNotice />}
      <IncidentActions slug={incident.slug} canEdit={canEdit} />
      <IncidentHeader incident={incident} />

      <WithToc toc={toc}>
        {show.symptoms && (
          <Section id={ids.symptoms} title="Symptoms">
            <ul className="list-disc space-y-1 pl-6 marker:text-slate-500">
              {incident.symptoms.map((s) => (
                <li key={s.id}>{s.text}</li>
              ))}
            </ul>
          </Section>
        )}

        {show.impact && (
          <Section id={ids.impact} title="Impact">
            {impact.length > 0 ? (
              <div className="space-y-3 text-slate-800 dark:text-slate-200">
                {impact.map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
              </div>
            ) : (
              <p className="text-slate-600 dark:text-slate-400">No impact statement recorded.</p>
            )}
            <div className="mt-4 space-y-3">
              <div>
                <h3 className="mb-1.5 text-sm font-semibold text-slate-700 dark:text-slate-300">Affected services</h3>
                <TagList kind="service" names={incident.services} label="Affected services" />
              </div>
              {incident.tags.length > 0 && (
                <div>
                  <h3 className="mb-1.5 text-sm font-semibold text-slate-700 dark:text-slate-300">Tags</h3>
                  <TagList kind="tag" names={incident.tags} label="Tags" />
                </div>
              )}
            </div>
          </Section>
        )}

        {show.timeline && (
          <Section id={ids.timeline} title="Timeline">
            <Timeline entries={incident.timeline} timeZone={incident.timezone} />
          </Section>
        )}

        {show.factors && (
          <Section id={ids.factors} title="Contributing factors">
            <ContributingFactors factors={incident.factors} rootCause={incident.rootCause} trigger={incident.triggerCategory} />
          </Section>
        )}

        {incident.steps.length > 0 && (
          <Section id={ids.resolution} title="Resolution">
            <ResolutionSteps steps={incident.steps} commands={commands} checks={checks} incidentId={incident.id} />
          </Section>
        )}

        {runs.total > 0 && (
          <Section id={ids.runs} title="Check runs">
            {canOperate && (
              <div className="mb-3 flex flex-wrap items-center gap-3">
                <RecheckButton slug={incident.slug} />
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  Runs these checks again on the same hosts and shows what differs from the time of the incident.
                </span>
              </div>
            )}
            <RunHistory runs={runs.runs} />
            {runs.total > runs.runs.length && (
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                Showing the latest {runs.runs.length} of {runs.total} runs.
              </p>
            )}
          </Section>
        )}

        {incident.actionItems.length > 0 && (
          <Section id={ids.actions} title="Action items">
            <ActionItems items={incident.actionItems} />
          </Section>
        )}

        {incident.runbooks.length > 0 && (
          <Section id={ids.runbooks} title="Runbooks">
            <ul className="space-y-3">
              {incident.runbooks.map((r) => (
                <li key={r.slug}>
                  <Link href={`/runbooks/${r.slug}`} className="font-medium text-blue-800 hover:underline dark:text-sky-300">
                    {r.title}
                  </Link>
                  {r.summary && <p className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">{r.summary}</p>}
                </li>
              ))}
            </ul>
          </Section>
        )}

        {lessons && (
          <Section id={ids.lessons} title="Lessons">
            <Markdown html={lessons.html} />
          </Section>
        )}

        {narrative && (
          <Section id={ids.narrative} title="Full write-up">
            <Markdown html={narrative.html} />
          </Section>
        )}

        <Section id={ids.similar} title="Similar incidents">
          <RelatedToIncident incidents={related.incidents} runbooks={related.runbooks} />
        </Section>
      </WithToc>
    </article>
  );
}
