// Reading revision snapshots back: as documents (to restore) and as text (to diff).
import { diffLines } from 'diff';
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

/** A revision in the content format, so the diff reads like the file an author knows. */
export function snapshotText(snapshot: unknown): string {
  const doc = snapshotToDocument(snapshot);
  return doc ? serializeIncident(doc) : JSON.stringify(snapshot, null, 2);
}

export type DiffLine = { kind: 'added' | 'removed' | 'same'; text: string };

/** A line diff between two revisions (jsdiff). Unchanged runs are kept whole; the page folds them. */
export function diffSnapshots(from: unknown, to: unknown): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(snapshotText(from), snapshotText(to))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}
