'use server';
// Writes for postmortems. Every action runs through lib/actions/pipeline.ts:
// role -> zod safeParse -> one transaction -> revalidate -> result, and every
// write is audited.
import { z } from 'zod';
import { action } from '@/lib/actions/pipeline';
import { fieldError, type ActionFailure, type ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { checkRenderable } from '@/lib/markdown/limits';
import { renderMarkdown, type SanitizedHtml } from '@/lib/markdown/render';
import { getStoredIncident } from './authoring-queries';
import { documentToForm, FORM_JSON_MAX, incidentFormSchema, type IncidentForm } from './form';
import { parseUpload, IMPORT_FILE_MAX } from './import';
import { findIncidentForWrite, findRevisionToRestore, lastRevisionAuthor, runIncidentWrite } from './mutations';
import { snapshotToDocument } from './revisions';
import { auditSave, incidentPages } from './saved';
import { saveIdsSchema, restoreSchema, PREVIEW_MAX } from './schema';
import { writeIncident } from './store';

export type Conflict = { version: number; form: IncidentForm; savedBy: string | null; savedAt: string };
/** A save's result: the stored slug and version, or on a stale save the version that won. */
type Saved = ActionResult<{ slug: string; version: number }, { conflict: Conflict }>;

async function conflictWith(incidentId: string): Promise<Saved> {
  const current = await getStoredIncident({ id: incidentId }, true);
  if (!current) return { ok: false, error: 'This incident no longer exists.' };
  const last = await lastRevisionAuthor(incidentId);
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

const UNREADABLE: ActionFailure = {
  ok: false,
  error: 'The form could not be read. Reload the page; your input is kept in this browser.',
};

/** The form arrives as JSON in `form`: an unreadable one is a broken page, not a field to correct. */
function readIncidentForm(formData: FormData): unknown {
  const ids = saveIdsSchema.safeParse({ incidentId: formData.get('incidentId') ?? '', version: formData.get('version') ?? '' });
  const raw = formData.get('form');
  if (!ids.success || typeof raw !== 'string' || raw.length > FORM_JSON_MAX) return UNREADABLE;
  try {
    return JSON.parse(raw);
  } catch {
    return UNREADABLE;
  }
}

/**
 * Files a new postmortem or saves an edit (authors and above). The form arrives
 * as JSON in `form`; `incidentId` and `version` name the version being edited.
 */
export const saveIncident = action({
  name: 'incident.save',
  role: 'author',
  input: 'form',
  read: readIncidentForm,
  schema: incidentFormSchema,
  handler: async (doc, { viewer, raw }): Promise<Saved> => {
    // Already checked by readIncidentForm.
    const { incidentId, version } = saveIdsSchema.parse({
      incidentId: (raw as FormData).get('incidentId') ?? '',
      version: (raw as FormData).get('version') ?? '',
    });

    let existing: { id: string; slug: string; draft: boolean } | null = null;
    if (incidentId) {
      existing = await findIncidentForWrite({ id: incidentId });
      if (!existing) return { ok: false, error: 'This incident no longer exists.' };
      // Slugs are permanent: links to the incident must keep working.
      doc.slug = existing.slug;
    } else if (await findIncidentForWrite({ slug: doc.slug })) {
      return fieldError('slug', 'An incident with this slug already exists; choose another.');
    }

    const result = await runIncidentWrite((tx) =>
      writeIncident(tx, doc, {
        existing: existing ? { id: existing.id, version: version ?? 0 } : undefined,
        authorId: viewer.id,
        requireKnownChecks: true,
      }),
    );
    if (!result.ok) return 'conflict' in result ? conflictWith(existing!.id) : result;
    await auditSave(viewer, result.id, doc, !existing, existing ? existing.draft : true, 'form');
    return { ok: true, slug: doc.slug, version: result.version };
  },
  revalidate: (saved) => incidentPages(saved.slug),
});

/** Makes an old revision the current version again, as a new revision (authors and above). */
export const restoreRevision = action({
  name: 'incident.restore',
  role: 'author',
  input: 'form',
  schema: restoreSchema,
  handler: async ({ revisionId, version }, { viewer }): Promise<ActionResult<{ version: number; slug: string }>> => {
    const revision = await findRevisionToRestore(revisionId);
    if (!revision) return { ok: false, error: 'No such revision.' };
    const doc = snapshotToDocument(revision.snapshot);
    if (!doc) return { ok: false, error: 'This revision is not a complete incident and cannot be restored.' };
    const { incident } = revision;
    doc.slug = incident.slug;
    const result = await runIncidentWrite((tx) =>
      writeIncident(tx, doc, { existing: { id: incident.id, version }, authorId: viewer.id }),
    );
    if (!result.ok) {
      return 'conflict' in result
        ? { ok: false, error: 'Someone saved this incident while you were looking. Reload the history and try again.' }
        : { ok: false, error: result.error };
    }
    await audit(viewer, {
      action: 'incident.restore',
      targetType: 'incident',
      targetId: incident.id,
      outcome: 'success',
      details: { slug: incident.slug, restoredVersion: revision.version, newVersion: result.version },
    });
    return { ok: true, version: result.version, slug: incident.slug };
  },
  revalidate: (restored) => incidentPages(restored.slug),
});

/** An upload in the content format: one non-empty .md file within IMPORT_FILE_MAX. */
const importFileSchema = z.object({
  file: z
    .instanceof(File, { message: 'Choose a .md file.' })
    .refine((f) => f.size > 0, 'Choose a .md file.')
    .refine((f) => f.size <= IMPORT_FILE_MAX, `The file is larger than ${IMPORT_FILE_MAX / 1_000_000} MB.`),
});

/** Creates or updates an incident from an uploaded file in the content format (authors and above). */
export const importIncident = action({
  name: 'incident.import',
  role: 'author',
  input: 'form',
  read: (formData) => ({ file: formData.get('file') }),
  schema: importFileSchema,
  handler: async ({ file }, { viewer }): Promise<ActionResult<{ slug: string; created: boolean }>> => {
    const parsed = parseUpload(await file.text());
    if (!parsed.ok) return { ok: false, error: `${file.name} is not a valid incident file.`, fieldErrors: parsed.fieldErrors };
    const doc = parsed.document;
    const existing = await findIncidentForWrite({ slug: doc.slug });
    // An import replaces what is stored on purpose; the revision it appends keeps the previous version.
    const result = await runIncidentWrite((tx) =>
      writeIncident(tx, doc, {
        existing: existing ? { id: existing.id, version: existing.version } : undefined,
        authorId: viewer.id,
      }),
    );
    if (!result.ok) {
      return 'conflict' in result
        ? { ok: false, error: 'The incident changed during the import; try again.' }
        : { ok: false, error: result.error, fieldErrors: result.fieldErrors };
    }
    await audit(viewer, {
      action: 'incident.import',
      targetType: 'incident',
      targetId: result.id,
      outcome: 'success',
      details: { slug: doc.slug, created: !existing, file: file.name.slice(0, 200) },
    });
    if (existing?.draft && !doc.draft) {
      await audit(viewer, {
        action: 'incident.publish',
        targetType: 'incident',
        targetId: result.id,
        outcome: 'success',
        details: { slug: doc.slug, via: 'import' },
      });
    }
    return { ok: true, slug: doc.slug, created: !existing };
  },
  revalidate: (imported) => incidentPages(imported.slug),
});

/** The narrative preview, through the same renderer as the incident page (authors and above). */
export const previewMarkdown = action({
  name: 'incident.preview',
  role: 'author',
  input: 'value',
  schema: z.string({ error: 'Nothing to preview.' }).max(PREVIEW_MAX, `The preview shows at most ${PREVIEW_MAX} characters.`),
  handler: async (source): Promise<ActionResult<{ html: SanitizedHtml }>> => {
    // The same bound as saving: what the save would refuse is not previewed either.
    const renderable = checkRenderable(source, 'The narrative');
    if (!renderable.ok) return { ok: false, error: renderable.message };
    return { ok: true, html: (await renderMarkdown(source)).html };
  },
});
