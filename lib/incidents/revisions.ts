// Reading revision snapshots back: as documents (to restore and to compare,
// ./field-diff.ts) and as text in the content format.
import { incidentDocumentSchema, type IncidentDocument } from '@/lib/content/schema';
import { serializeIncident } from './document';

// Snapshots written before the document format stored dates as full ISO instants.
function upgradeLegacy(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object') return snapshot;
  const s = snapshot as Record<string, unknown>;
  const items = Array.isArray(s.actionItems) ? s.actionItems : undefined;
  return {
    ...s,
    ...(items && {
      actionItems: items.map((a: Record<string, unknown>) =>
        typeof a?.due === 'string' && a.due.length > 10 ? { ...a, due: a.due.slice(0, 10) } : a,
      ),
    }),
  };
}

/** The incident a revision holds, or null if the snapshot is not a whole incident. */
export function snapshotToDocument(snapshot: unknown): IncidentDocument | null {
  const parsed = incidentDocumentSchema.safeParse(upgradeLegacy(snapshot));
  return parsed.success ? parsed.data : null;
}

/** A revision in the content format, as the export writes it. */
export function snapshotText(snapshot: unknown): string {
  const doc = snapshotToDocument(snapshot);
  return doc ? serializeIncident(doc) : JSON.stringify(snapshot, null, 2);
}
