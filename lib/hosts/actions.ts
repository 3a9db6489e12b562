'use server';
// Admin-only host registry. Secrets are sealed before they reach the database
// and never sent back to a browser. Each action runs through lib/actions/pipeline.ts.
import { action } from '@/lib/actions/pipeline';
import { fieldError } from '@/lib/actions/result';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ImportReport } from './import';
import { formatLabels } from './labels';
import {
  createHostRow,
  deleteHostWithoutRuns,
  importHostsFromInventory,
  replaceHostSecret,
  setHostDisabledRow,
  updateHostRow,
} from './mutations';
import {
  createHostSchema,
  hostIdSchema,
  importInventorySchema,
  rotateSecretSchema,
  setHostDisabledSchema,
  updateHostSchema,
} from './schema';
import { generateSecret, sealSecret } from './secret-box';

const pages = () => ['/admin/hosts', '/hosts'];

export const createHost = action({
  name: 'host.create',
  role: 'admin',
  input: 'form',
  schema: createHostSchema,
  handler: async ({ name, role, agentUrl, secret, labels }, { viewer, values }) => {
    try {
      const host = await createHostRow({ name, role, agentUrl, labels, secretSealed: sealSecret(secret) });
      await audit(viewer, {
        action: 'host.create',
        targetType: 'host',
        targetId: host.id,
        outcome: 'success',
        details: { name, role, agentUrl, labels: formatLabels(labels) },
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
  handler: async ({ hostId, role, agentUrl, secret, labels }, { viewer }) => {
    const found = await updateHostRow(hostId, {
      role,
      agentUrl,
      ...(labels ? { labels } : {}),
      ...(secret ? { secretSealed: sealSecret(secret) } : {}),
    });
    if (!found) return { ok: false, error: 'No such host.' };
    await audit(viewer, {
      action: 'host.update',
      targetType: 'host',
      targetId: hostId,
      outcome: 'success',
      details: { role, agentUrl, ...(labels ? { labels: formatLabels(labels) } : {}), secretChanged: Boolean(secret) },
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

/**
 * Gives a host a new agent secret: generated (256 random bits) unless the admin
 * provides one. A generated secret is returned once, to be put into the agent's
 * config; it is stored sealed and audited without its value. Until the agent has
 * it, calls to that host fail as unauthorized (and the health probe says so).
 */
export const rotateHostSecret = action({
  name: 'host.rotate_secret',
  role: 'admin',
  input: 'form',
  schema: rotateSecretSchema,
  handler: async ({ hostId, secret }, { viewer }): Promise<ActionResult<{ hostName: string; newSecret: string | null }>> => {
    const generated = !secret;
    const value = secret || generateSecret();
    const hostName = await replaceHostSecret(hostId, sealSecret(value));
    if (!hostName) return { ok: false, error: 'No such host.' };
    await audit(viewer, {
      action: 'host.rotate_secret',
      targetType: 'host',
      targetId: hostId,
      outcome: 'success',
      details: { name: hostName, generated },
    });
    return { ok: true, hostName, newSecret: generated ? value : null };
  },
  revalidate: pages,
});

type ImportOutcome = ActionResult<{ report: ImportReport }, { report: ImportReport }>;

// `values: {}`: the form keeps its own text, so the pipeline need not send up to 1 MB of inventory back.
const importFailure = (report: ImportReport): ImportOutcome => ({
  ok: false,
  error: report.error ?? `${report.counts.errors} row(s) have errors; nothing was applied.`,
  report,
  values: {},
});

/** Checks an inventory against the registry and says what applying would do; writes nothing. */
export const previewHostImport = action({
  name: 'host.import_preview',
  role: 'admin',
  input: 'form',
  schema: importInventorySchema,
  handler: async ({ text, format }): Promise<ImportOutcome> => {
    const report = await importHostsFromInventory(text, format, false);
    return report.error ? importFailure(report) : { ok: true, report };
  },
});

/** Applies an inventory in one transaction, or nothing when any row has an error. Audited with counts. */
export const applyHostImport = action({
  name: 'host.import',
  role: 'admin',
  input: 'form',
  schema: importInventorySchema,
  handler: async ({ text, format }, { viewer }): Promise<ImportOutcome> => {
    const report = await importHostsFromInventory(text, format, true);
    const { created, updated, unchanged, errors } = report.counts;
    await audit(viewer, {
      action: 'host.import',
      targetType: 'host',
      outcome: report.applied ? 'success' : 'failure',
      details: {
        via: 'web',
        format,
        rows: report.rows.length,
        created,
        updated,
        unchanged,
        errors,
        ...(report.error ? { reason: report.error } : {}),
      },
    });
    return report.applied ? { ok: true, report } : importFailure(report);
  },
  revalidate: pages,
});
