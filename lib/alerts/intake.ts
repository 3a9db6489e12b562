// From an alert group to an answer: store the alerts, ask the search engine
// what they resemble, then join the group's open incident or open a draft,
// and tell the webhooks. A replay (nothing new in the group) changes nothing
// and answers what the first delivery answered. See docs/decisions/034.
import 'server-only';
import type { Viewer } from '@/lib/auth/session';
import { getStoredIncident } from '@/lib/incidents/authoring-queries';
import { createIncidentDocument, updateIncidentDocument } from '@/lib/incidents/write';
import { siteUrl } from '@/lib/notifications/events';
import { urlFor } from '@/lib/search/engine';
import { freeTextQuery } from '@/lib/search/free-text';
import { searchHits } from '@/lib/search/queries';
import { attachToIncident, draftIncident, ownRunbookSlug, runbookUrls } from './draft';
import { linkGroup, recordBatch, type PendingEvent } from './mutations';
import { alertText } from './normalize';
import { existingRunbooks, incidentForAlerts } from './queries';
import type { AlertBatch, AlertMatch } from './schema';

/** Past incidents listed under "Seen before". */
export const SEEN_BEFORE_MAX = 5;
/** Runbooks offered beside them. */
export const MATCHED_RUNBOOKS_MAX = 3;
/** Saves of the open incident retried when an author saved it meanwhile. */
const STALE_RETRIES = 3;

export interface IntakeResult {
  incident: { slug: string; url: string } | null;
  matches: AlertMatch[];
}

const VIA = { alertmanager: 'alertmanager', grafana: 'grafana' } as const;
/** Statuses of an incident a group still joins, draft or published (being a draft is a flag, decision 031). */
const OPEN = new Set(['investigating', 'mitigated']);

export async function matchAlerts(batch: AlertBatch): Promise<AlertMatch[]> {
  const q = freeTextQuery(alertText(batch));
  if (!q) return [];
  const [incidents, runbooks] = await Promise.all([
    searchHits({ q, limit: SEEN_BEFORE_MAX, offset: 0, type: 'incident' }),
    searchHits({ q, limit: MATCHED_RUNBOOKS_MAX, offset: 0, type: 'runbook' }),
  ]);
  return [...incidents.hits, ...runbooks.hits].map((h) => ({
    type: h.type,
    slug: h.slug,
    title: h.title,
    score: Math.round(h.score * 1000) / 1000,
  }));
}

/** Adds `batch`'s news to the open incident `id`, re-reading it when an author saved in between. */
async function attach(viewer: Viewer, id: string, batch: AlertBatch, changed: AlertBatch['alerts']) {
  for (let i = 0; i < STALE_RETRIES; i++) {
    const stored = await getStoredIncident({ id }, true);
    if (!stored) return null;
    const doc = attachToIncident(stored.document, batch, changed);
    if (JSON.stringify(doc) === JSON.stringify(stored.document)) return stored.slug;
    const saved = await updateIncidentDocument(viewer, stored.slug, doc, stored.version, VIA[batch.source]);
    if (saved.ok) return saved.slug;
    if (saved.reason !== 'stale') throw new Error(`alert intake could not update ${stored.slug}: ${saved.reason}`);
  }
  throw new Error('alert intake: the incident kept changing while the alert was added');
}

export async function receiveAlerts(viewer: Viewer, batch: AlertBatch): Promise<IntakeResult> {
  const recorded = await recordBatch(batch);
  const linked = recorded.incidentId ? await incidentForAlerts(recorded.incidentId) : null;
  const answer = (slug: string | null, matches: AlertMatch[]): IntakeResult => ({
    incident: slug ? { slug, url: urlFor('incident', slug) } : null,
    matches,
  });
  // A replay: every alert is stored as sent. (A group with nothing linked yet
  // and still firing goes on: its first delivery stopped before the incident.)
  const firing = batch.alerts.some((a) => a.status === 'firing');
  if (!recorded.changed.length && (linked || !firing)) return answer(linked?.slug ?? null, recorded.matches);

  const matches = await matchAlerts(batch);
  const events: PendingEvent[] = [];
  let slug: string | null = null;
  let incidentId: string | null = null;

  if (linked && OPEN.has(linked.status)) {
    slug = await attach(viewer, linked.id, batch, recorded.changed);
    incidentId = linked.id;
  } else if (firing) {
    const own = runbookUrls(batch)
      .map(ownRunbookSlug)
      .filter((s): s is string => !!s);
    const runbooks = [
      ...new Set([...matches.filter((m) => m.type === 'runbook').map((m) => m.slug), ...(await existingRunbooks(own))]),
    ];
    const doc = draftIncident(batch, matches, runbooks);
    let saved = await createIncidentDocument(viewer, doc, VIA[batch.source]);
    if (!saved.ok && saved.reason === 'exists') {
      // Another delivery of this group opened it a moment ago: join it while it is open.
      const other = await incidentForAlerts((await getStoredIncident({ slug: doc.slug }, true))?.id ?? '');
      if (other && OPEN.has(other.status)) {
        slug = await attach(viewer, other.id, batch, recorded.changed);
        incidentId = other.id;
      } else {
        // The group fires again after its incident was closed: a new draft beside it.
        saved = await createIncidentDocument(
          viewer,
          { ...doc, slug: `${doc.slug}-${Date.now().toString(36)}` },
          VIA[batch.source],
        );
      }
    }
    if (!incidentId) {
      if (!saved.ok) throw new Error(`alert intake could not open a draft: ${saved.reason}`);
      slug = saved.slug;
      incidentId = (await getStoredIncident({ slug }, true))?.id ?? null;
      events.push({
        event: 'incident.created',
        envelope: {
          text: `Draft incident opened from an alert: ${doc.title}`,
          url: siteUrl(urlFor('incident', slug)),
          data: { slug, title: doc.title, status: doc.status, draft: true, source: batch.source, groupKey: batch.groupKey },
        },
      });
    }
  }
  if (matches.length && recorded.changed.some((a) => a.status === 'firing')) {
    const best = matches.find((m) => m.type === 'incident') ?? matches[0]!;
    events.push({
      event: 'alert.matched',
      envelope: {
        text: `Alert group ${batch.groupKey} resembles "${best.title}"`,
        url: slug ? siteUrl(urlFor('incident', slug)) : siteUrl(urlFor(best.type, best.slug)),
        data: { source: batch.source, groupKey: batch.groupKey, incident: slug, matches },
      },
    });
  }
  await linkGroup(recorded.groupId, incidentId ?? recorded.incidentId, matches, events);
  return answer(slug ?? linked?.slug ?? null, matches);
}
