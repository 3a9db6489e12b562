// PATCH and DELETE /api/v1/hosts/{id} (admins; lib/api/ops/hosts.ts).
import { ApiError } from '@/lib/api/errors';
import { deleteHostOp, patchHostOp } from '@/lib/api/ops/hosts';
import { apiRoute, json } from '@/lib/api/route';
import { audit } from '@/lib/audit/guard';
import { deleteHostWithoutRuns, patchHostRow } from '@/lib/hosts/mutations';
import { sealSecret } from '@/lib/hosts/secret-box';
import { refreshHostPages } from '@/lib/hosts/write';

export const dynamic = 'force-dynamic';

const NO_SUCH_HOST = 'No such host.';

export const PATCH = apiRoute(patchHostOp, async ({ viewer, params, body }) => {
  const { secret, ...fields } = body;
  const host = await patchHostRow(params.id, { ...fields, ...(secret ? { secretSealed: sealSecret(secret) } : {}) });
  if (!host) throw new ApiError(404, NO_SUCH_HOST);
  const target = { targetType: 'host', targetId: host.id, outcome: 'success' } as const;
  if (fields.role !== undefined || fields.agentUrl !== undefined || secret !== undefined) {
    await audit(viewer, {
      action: 'host.update',
      ...target,
      details: { role: host.role, agentUrl: host.agentUrl, secretChanged: secret !== undefined, via: 'api' },
    });
  }
  if (fields.disabled !== undefined) await audit(viewer, { action: fields.disabled ? 'host.disable' : 'host.enable', ...target });
  refreshHostPages();
  return json(host);
});

export const DELETE = apiRoute(deleteHostOp, async ({ viewer, params }) => {
  const outcome = await deleteHostWithoutRuns(params.id);
  if ('runs' in outcome) throw new ApiError(409, `This host has ${outcome.runs} run(s) kept as evidence; disable it instead.`);
  if (!outcome.deleted) throw new ApiError(404, NO_SUCH_HOST);
  await audit(viewer, {
    action: 'host.delete',
    targetType: 'host',
    targetId: params.id,
    outcome: 'success',
    details: { via: 'api' },
  });
  refreshHostPages();
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
