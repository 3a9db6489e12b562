'use server';
import { randomBytes } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { formFields, invalid, type ActionResult } from '@/lib/actions/result';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { createDraftSchema, draftSlug } from './draft-schema';

/** Opens a new postmortem as a draft (authors and above) and goes to it. */
export async function createDraftIncident(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('author', 'incident.create');
  if (!auth.ok) return auth;
  const fields = formFields(formData);
  const parsed = createDraftSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  const { title, severity, summary } = parsed.data;
  const slug = draftSlug(title, randomBytes(3).toString('hex'));
  const incident = await db.$transaction(async (tx) => {
    const created = await tx.incident.create({
      data: { slug, title, severity, summary, status: 'draft', startedAt: new Date(), author: auth.viewer.name },
    });
    await tx.incidentRevision.create({
      data: { incidentId: created.id, version: created.version, authorId: auth.viewer.id, snapshot: { title, severity, summary, status: 'draft' } },
    });
    return created;
  });
  await audit(auth.viewer, { action: 'incident.create', targetType: 'incident', targetId: incident.id, outcome: 'success', details: { slug } });
  revalidatePath('/incidents');
  redirect(`/incidents/${slug}`);
}
