'use server';
// Writes for postmortems. Every action: role -> zod safeParse -> one transaction
// -> revalidate -> result, and every write is audited.
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';
import { invalid, type ActionResult } from '@/lib/actions/result';
import { audit, authorizeAction } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import { Prisma } from '@/lib/generated/prisma/client';
import type { IncidentDocument } from '@/lib/content/schema';
import { checkRenderable } from '@/lib/markdown/limits';
import { renderMarkdown, type SanitizedHtml } from '@/lib/markdown/render';
import { documentToForm, FORM_JSON_MAX, incidentFormSchema, type IncidentForm } from './form';
import { parseUpload, IMPORT_FILE_MAX } from './import';
import { getStoredIncident } from './queries';
import { snapshotToDocument } from './revisions';
import { saveIdsSchema, restoreSchema, PREVIEW_MAX } from './schema';
import { UnknownReferenceError, writeIncident, type Tx, type WriteResult } from './write';

/**
 * How long a save may run once started before it is given up (never half-applied).
 * Its wait to start is the client's default, TX_MAX_WAIT_MS in lib/db-pool.ts.
 */
const TX_OPTIONS = { timeout: 20_000 } as const;

export type Conflict = { version: number; form: IncidentForm; savedBy: string | null; savedAt: string };
export type SaveResult =
  | { ok: true; slug: string; version: number }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined>; conflict?: Conflict; status?: number };

type FieldFailure = { ok: false; error: string; fieldErrors: Record<string, string[]> };
const fieldError = (field: string, message: string): FieldFailure => ({
  ok: false,
  error: 'Please correct the highlighted fields.',
  fieldErrors: { [field]: [message] },
});

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

async function conflictWith(incidentId: string): Promise<SaveResult> {
  const current = await getStoredIncident({ id: incidentId }, true);
  if (!current) return { ok: false, error: 'This incident no longer exists.' };
  const last = await db.incidentRevision.findFirst({
    where: { incidentId },
    orderBy: { version: 'desc' },
    select: { createdAt: true, author: { select: { name: true } } },
  });
  return {
    ok: false,
    error: 'Someone saved this incident after you opened it. Your changes are not saved yet.',
    conflict: {
      version: current.version,
      form: documentToForm(current.document),
      savedBy: last?.author?.name ?? null,
      savedAt: (last?.createdAt ?? new Date()).toISOString(),
    },
  };
}

/** Audit events for a save: create or edit, plus publish when a draft goes public. */
async function auditSave(viewer: Viewer, id: string, doc: IncidentDocument, created: boolean, wasDraft: boolean, via: string) {
  const details = { slug: doc.slug, status: doc.status, via };
  await audit(viewer, { action: created ? 'incident.create' : 'incident.edit', targetType: 'incident', targetId: id, outcome: 'success', details });
  if (wasDraft && doc.status !== 'draft') {
    await audit(viewer, { action: 'incident.publish', targetType: 'incident', targetId: id, outcome: 'success', details });
  }
}

function revalidateIncident(slug: string) {
  revalidatePath('/incidents');
  // The incident page and its edit and history pages (literal paths take no type).
  for (const page of ['', '/edit', '/history']) revalidatePath(`/incidents/${slug}${page}`);
  revalidatePath('/');
}

/** Runs one write; maps the database's refusals to field errors instead of a 500. */
async function runWrite(write: (tx: Tx) => Promise<WriteResult>): Promise<WriteResult | FieldFailure> {
  try {
    return await db.$transaction(write, TX_OPTIONS);
  } catch (err) {
    if (err instanceof UnknownReferenceError) return fieldError(err.field, err.message);
    if (isUniqueViolation(err)) return fieldError('slug', 'An incident with this slug already exists; choose another.');
    throw err;
  }
}

/**
 * Files a new postmortem or saves an edit (authors and above). The form arrives
 * as JSON in `form`; `incidentId` and `version` name the version being edited.
 */
export async function saveIncident(_prev: unknown, formData: FormData): Promise<SaveResult> {
  const auth = await authorizeAction('author', 'incident.save');
  if (!auth.ok) return auth;
  const ids = saveIdsSchema.safeParse({ incidentId: formData.get('incidentId') ?? '', version: formData.get('version') ?? '' });
  const raw = formData.get('form');
  if (!ids.success || typeof raw !== 'string' || raw.length > FORM_JSON_MAX) {
    return { ok: false, error: 'The form could not be read. Reload the page; your input is kept in this browser.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'The form could not be read. Reload the page; your input is kept in this browser.' };
  }
  const parsed = incidentFormSchema.safeParse(json);
  if (!parsed.success) return invalid(parsed.error);
  const doc = parsed.data;
  const { incidentId, version } = ids.data;

  let existing: { id: string; slug: string; status: string } | null = null;
  if (incidentId) {
    existing = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true, slug: true, status: true } });
    if (!existing) return { ok: false, error: 'This incident no longer exists.' };
    // Slugs are permanent: links to the incident must keep working.
    doc.slug = existing.slug;
  } else if (await db.incident.findUnique({ where: { slug: doc.slug }, select: { id: true } })) {
    return fieldError('slug', 'An incident with this slug already exists; choose another.');
  }

  const result = await runWrite((tx) =>
    writeIncident(tx, doc, {
      existing: existing ? { id: existing.id, version: version ?? 0 } : undefined,
      authorId: auth.viewer.id,
      requireKnownChecks: true,
    }),
  );
  if (!result.ok) return 'conflict' in result ? conflictWith(existing!.id) : result;
  await auditSave(auth.viewer, result.id, doc, !existing, existing ? existing.status === 'draft' : true, 'form');
  revalidateIncident(doc.slug);
  return { ok: true, slug: doc.slug, version: result.version };
}

/** Makes an old revision the current version again, as a new revision (authors and above). */
export async function restoreRevision(_prev: unknown, formData: FormData): Promise<ActionResult<{ version: number }>> {
  const auth = await authorizeAction('author', 'incident.restore');
  if (!auth.ok) return auth;
  const parsed = restoreSchema.safeParse({ revisionId: formData.get('revisionId'), version: formData.get('version') });
  if (!parsed.success) return invalid(parsed.error);
  const { revisionId, version } = parsed.data;
  const revision = await db.incidentRevision.findUnique({
    where: { id: revisionId },
    select: { version: true, snapshot: true, incident: { select: { id: true, slug: true, status: true } } },
  });
  if (!revision) return { ok: false, error: 'No such revision.' };
  const doc = snapshotToDocument(revision.snapshot);
  if (!doc) return { ok: false, error: 'This revision is not a complete incident and cannot be restored.' };
  const { incident } = revision;
  doc.slug = incident.slug;
  const result = await runWrite((tx) => writeIncident(tx, doc, { existing: { id: incident.id, version }, authorId: auth.viewer.id }));
  if (!result.ok) {
    return 'conflict' in result
      ? { ok: false, error: 'Someone saved this incident while you were looking. Reload the history and try again.' }
      : { ok: false, error: result.error };
  }
  await audit(auth.viewer, {
    action: 'incident.restore',
    targetType: 'incident',
    targetId: incident.id,
    outcome: 'success',
    details: { slug: incident.slug, restoredVersion: revision.version, newVersion: result.version },
  });
  revalidateIncident(incident.slug);
  return { ok: true, version: result.version };
}

export type ImportResult =
  | { ok: true; slug: string; created: boolean }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined>; status?: number };

/** Creates or updates an incident from an uploaded file in the content format (authors and above). */
export async function importIncident(_prev: unknown, formData: FormData): Promise<ImportResult> {
  const auth = await authorizeAction('author', 'incident.import');
  if (!auth.ok) return auth;
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: 'Choose a .md file to import.', fieldErrors: { file: ['Choose a .md file.'] } };
  if (file.size > IMPORT_FILE_MAX) return { ok: false, error: `The file is larger than ${IMPORT_FILE_MAX / 1_000_000} MB.`, fieldErrors: { file: ['Too large.'] } };
  const parsed = parseUpload(await file.text());
  if (!parsed.ok) return { ok: false, error: `${file.name} is not a valid incident file.`, fieldErrors: parsed.fieldErrors };
  const doc = parsed.document;
  const existing = await db.incident.findUnique({ where: { slug: doc.slug }, select: { id: true, version: true, status: true } });
  // An import replaces what is stored on purpose; the revision it appends keeps the previous version.
  const result = await runWrite((tx) =>
    writeIncident(tx, doc, { existing: existing ? { id: existing.id, version: existing.version } : undefined, authorId: auth.viewer.id }),
  );
  if (!result.ok) {
    return 'conflict' in result ? { ok: false, error: 'The incident changed during the import; try again.' } : { ok: false, error: result.error, fieldErrors: result.fieldErrors };
  }
  await audit(auth.viewer, {
    action: 'incident.import',
    targetType: 'incident',
    targetId: result.id,
    outcome: 'success',
    details: { slug: doc.slug, created: !existing, file: file.name.slice(0, 200) },
  });
  if (existing?.status === 'draft' && doc.status !== 'draft') {
    await audit(auth.viewer, { action: 'incident.publish', targetType: 'incident', targetId: result.id, outcome: 'success', details: { slug: doc.slug, via: 'import' } });
  }
  revalidateIncident(doc.slug);
  return { ok: true, slug: doc.slug, created: !existing };
}

/** The narrative preview, through the same renderer as the incident page (authors and above). */
export async function previewMarkdown(source: string): Promise<{ ok: true; html: SanitizedHtml } | { ok: false; error: string; status?: number }> {
  const auth = await authorizeAction('author', 'incident.preview');
  if (!auth.ok) return auth;
  if (typeof source !== 'string') return { ok: false, error: 'Nothing to preview.' };
  if (source.length > PREVIEW_MAX) return { ok: false, error: `The preview shows at most ${PREVIEW_MAX} characters.` };
  // The same bound as saving: what the save would refuse is not previewed either.
  const renderable = checkRenderable(source, 'The narrative');
  if (!renderable.ok) return { ok: false, error: renderable.message };
  return { ok: true, html: (await renderMarkdown(source)).html };
}
