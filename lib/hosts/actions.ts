'use server';
// Admin-only host registry. Secrets are sealed before they reach the database
// and never sent back to a browser.
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';
import { formFields, invalid, type ActionResult } from '@/lib/actions/result';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { Prisma } from '@/lib/generated/prisma/client';
import { createHostSchema, hostIdSchema, setHostDisabledSchema, updateHostSchema } from './schema';
import { sealSecret } from './secret-box';

const pages = () => {
  revalidatePath('/admin/hosts');
  revalidatePath('/hosts');
};

export async function createHost(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('admin', 'host.create');
  if (!auth.ok) return auth;
  const fields = formFields(formData);
  const { secret: _secret, ...echo } = fields;
  const parsed = createHostSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, echo);
  const { name, role, agentUrl, secret } = parsed.data;
  try {
    const host = await db.host.create({ data: { name, role, agentUrl, secretSealed: sealSecret(secret) } });
    await audit(auth.viewer, { action: 'host.create', targetType: 'host', targetId: host.id, outcome: 'success', details: { name, role, agentUrl } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { name: ['A host with this name exists.'] }, values: echo };
    }
    throw err;
  }
  pages();
  return { ok: true };
}

export async function updateHost(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('admin', 'host.update');
  if (!auth.ok) return auth;
  const fields = formFields(formData);
  const { secret: _secret, ...echo } = fields;
  const parsed = updateHostSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, echo);
  const { hostId, role, agentUrl, secret } = parsed.data;
  const updated = await db.host.updateMany({
    where: { id: hostId },
    data: { role, agentUrl, ...(secret ? { secretSealed: sealSecret(secret) } : {}) },
  });
  if (updated.count === 0) return { ok: false, error: 'No such host.' };
  await audit(auth.viewer, {
    action: 'host.update',
    targetType: 'host',
    targetId: hostId,
    outcome: 'success',
    details: { role, agentUrl, secretChanged: Boolean(secret) },
  });
  pages();
  return { ok: true };
}

export async function setHostDisabled(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('admin', 'host.set_disabled');
  if (!auth.ok) return auth;
  const parsed = setHostDisabledSchema.safeParse(formFields(formData));
  if (!parsed.success) return invalid(parsed.error);
  const { hostId, disabled } = parsed.data;
  const updated = await db.host.updateMany({ where: { id: hostId }, data: { disabled } });
  if (updated.count === 0) return { ok: false, error: 'No such host.' };
  await audit(auth.viewer, { action: disabled ? 'host.disable' : 'host.enable', targetType: 'host', targetId: hostId, outcome: 'success' });
  pages();
  return { ok: true };
}

/** Only a host without runs can go: runs are evidence and keep their host. */
export async function deleteHost(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const auth = await authorizeAction('admin', 'host.delete');
  if (!auth.ok) return auth;
  const parsed = hostIdSchema.safeParse(formFields(formData));
  if (!parsed.success) return invalid(parsed.error);
  const { hostId } = parsed.data;
  const runs = await db.checkRun.count({ where: { hostId } });
  if (runs > 0) return { ok: false, error: `This host has ${runs} run(s) kept as evidence; disable it instead.` };
  const deleted = await db.host.deleteMany({ where: { id: hostId } });
  if (deleted.count === 0) return { ok: false, error: 'No such host.' };
  await audit(auth.viewer, { action: 'host.delete', targetType: 'host', targetId: hostId, outcome: 'success' });
  pages();
  return { ok: true };
}
