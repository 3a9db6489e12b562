'use server';
// Admin-only host registry. Secrets are sealed before they reach the database
// and never sent back to a browser. Each action runs through lib/actions/pipeline.ts.
import { action } from '@/lib/actions/pipeline';
import { fieldError } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { Prisma } from '@/lib/generated/prisma/client';
import { createHostRow, deleteHostWithoutRuns, setHostDisabledRow, updateHostRow } from './mutations';
import { createHostSchema, hostIdSchema, setHostDisabledSchema, updateHostSchema } from './schema';
import { sealSecret } from './secret-box';

const pages = () => ['/admin/hosts', '/hosts'];

export const createHost = action({
  name: 'host.create',
  role: 'admin',
  input: 'form',
  schema: createHostSchema,
  handler: async ({ name, role, agentUrl, secret }, { viewer, values }) => {
    try {
      const host = await createHostRow({ name, role, agentUrl, secretSealed: sealSecret(secret) });
      await audit(viewer, {
        action: 'host.create',
        targetType: 'host',
        targetId: host.id,
        outcome: 'success',
        details: { name, role, agentUrl },
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        return fieldError('name', 'A host with this name exists.', values);
      }
      throw err;
    }
    return { ok: true };
  },
  revalidate: pages,
});

export const updateHost = action({
  name: 'host.update',
  role: 'admin',
  input: 'form',
  schema: updateHostSchema,
  handler: async ({ hostId, role, agentUrl, secret }, { viewer }) => {
    const found = await updateHostRow(hostId, { role, agentUrl, ...(secret ? { secretSealed: sealSecret(secret) } : {}) });
    if (!found) return { ok: false, error: 'No such host.' };
    await audit(viewer, {
      action: 'host.update',
      targetType: 'host',
      targetId: hostId,
      outcome: 'success',
      details: { role, agentUrl, secretChanged: Boolean(secret) },
    });
    return { ok: true };
  },
  revalidate: pages,
});

export const setHostDisabled = action({
  name: 'host.set_disabled',
  role: 'admin',
  input: 'form',
  schema: setHostDisabledSchema,
  handler: async ({ hostId, disabled }, { viewer }) => {
    if (!(await setHostDisabledRow(hostId, disabled))) return { ok: false, error: 'No such host.' };
    await audit(viewer, {
      action: disabled ? 'host.disable' : 'host.enable',
      targetType: 'host',
      targetId: hostId,
      outcome: 'success',
    });
    return { ok: true };
  },
  revalidate: pages,
});

/** Only a host without runs can go: runs are evidence and keep their host. */
export const deleteHost = action({
  name: 'host.delete',
  role: 'admin',
  input: 'form',
  schema: hostIdSchema,
  handler: async ({ hostId }, { viewer }) => {
    const outcome = await deleteHostWithoutRuns(hostId);
    if ('runs' in outcome)
      return { ok: false, error: `This host has ${outcome.runs} run(s) kept as evidence; disable it instead.` };
    if (!outcome.deleted) return { ok: false, error: 'No such host.' };
    await audit(viewer, { action: 'host.delete', targetType: 'host', targetId: hostId, outcome: 'success' });
    return { ok: true };
  },
  revalidate: pages,
});
