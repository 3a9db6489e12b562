// Incident writes for callers other than the form (the JSON API, and any
// later integration): the same transaction (./store.ts through ./mutations.ts),
// revision, audit events and page refreshes as the form's saveIncident, with
// results a caller maps to its own answers. The caller has checked the role.
import 'server-only';
import { revalidatePath } from 'next/cache';
import type { Viewer } from '@/lib/auth/session';
import type { IncidentDocument } from '@/lib/content/schema';
import { findIncidentForWrite, runIncidentWrite } from './mutations';
import { auditSave, incidentPages } from './saved';
import { writeIncident } from './store';

export type DocumentSave =
  | { ok: true; slug: string; version: number }
  | { ok: false; reason: 'exists' | 'missing' }
  /** The stored version moved on since the caller read `expected`: here is the current one. */
  | { ok: false; reason: 'stale'; version: number }
  | { ok: false; reason: 'invalid'; fieldErrors: Record<string, string[] | undefined> };

function refresh(slug: string) {
  for (const path of incidentPages(slug)) revalidatePath(path);
}

/** Files a new incident under `doc.slug`; 'exists' when the slug is taken (drafts included). */
export async function createIncidentDocument(viewer: Viewer, doc: IncidentDocument, via: string): Promise<DocumentSave> {
  if (await findIncidentForWrite({ slug: doc.slug })) return { ok: false, reason: 'exists' };
  const result = await runIncidentWrite((tx) => writeIncident(tx, doc, { authorId: viewer.id, requireKnownChecks: true }));
  if (!result.ok) {
    if ('conflict' in result) return { ok: false, reason: 'exists' };
    // Two filings of one new slug at once: the database's unique slug refused the second.
    if (result.fieldErrors.slug) return { ok: false, reason: 'exists' };
    return { ok: false, reason: 'invalid', fieldErrors: result.fieldErrors };
  }
  await auditSave(viewer, result.id, doc, true, true, via);
  refresh(doc.slug);
  return { ok: true, slug: doc.slug, version: result.version };
}

/**
 * Replaces the incident `slug` with `doc`, only if its stored version is still
 * `expected` (optimistic concurrency, as the form). Slugs are permanent: the
 * document's slug is the stored one.
 */
export async function updateIncidentDocument(
  viewer: Viewer,
  slug: string,
  doc: IncidentDocument,
  expected: number,
  via: string,
): Promise<DocumentSave> {
  const existing = await findIncidentForWrite({ slug });
  if (!existing) return { ok: false, reason: 'missing' };
  if (existing.version !== expected) return { ok: false, reason: 'stale', version: existing.version };
  doc.slug = existing.slug;
  const result = await runIncidentWrite((tx) =>
    writeIncident(tx, doc, { existing: { id: existing.id, version: expected }, authorId: viewer.id, requireKnownChecks: true }),
  );
  if (!result.ok) {
    if ('conflict' in result) {
      const now = await findIncidentForWrite({ id: existing.id });
      return now ? { ok: false, reason: 'stale', version: now.version } : { ok: false, reason: 'missing' };
    }
    return { ok: false, reason: 'invalid', fieldErrors: result.fieldErrors };
  }
  await auditSave(viewer, existing.id, doc, false, existing.draft, via);
  refresh(existing.slug);
  return { ok: true, slug: existing.slug, version: result.version };
}
