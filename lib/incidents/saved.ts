// What follows every incident save, whichever way it came (the form, the JSON
// API): its audit events and the pages to refresh. Kept out of ./actions.ts,
// whose every export must be a server action.
import { audit } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import type { IncidentDocument } from '@/lib/content/schema';
import { notifyIncidentPublished } from '@/lib/notifications/mutations';

/** Audit events for a save: create or edit, plus publish when a draft goes public. `via` says which door it came through. */
export async function auditSave(
  viewer: Viewer,
  id: string,
  doc: IncidentDocument,
  created: boolean,
  wasDraft: boolean,
  via: string,
) {
  const details = { slug: doc.slug, status: doc.status, draft: doc.draft, via };
  await audit(viewer, {
    action: created ? 'incident.create' : 'incident.edit',
    targetType: 'incident',
    targetId: id,
    outcome: 'success',
    details,
  });
  if (wasDraft && !doc.draft) {
    await audit(viewer, { action: 'incident.publish', targetType: 'incident', targetId: id, outcome: 'success', details });
    await notifyIncidentPublished({ id, slug: doc.slug, title: doc.title, severity: doc.severity, status: doc.status });
  }
}

/** The list, the incident page and its edit and history pages, and the home page. */
export const incidentPages = (slug: string) => [
  '/incidents',
  ...['', '/edit', '/history'].map((page) => `/incidents/${slug}${page}`),
  '/',
];
