// GET /api/v1/hosts and POST /api/v1/hosts (admins; lib/api/ops/hosts.ts).
import { ApiError } from '@/lib/api/errors';
import { createHostsOp, listHostsOp } from '@/lib/api/ops/hosts';
import { apiRoute, json } from '@/lib/api/route';
import { audit } from '@/lib/audit/guard';
import { createHostRows } from '@/lib/hosts/mutations';
import { listHosts } from '@/lib/hosts/queries';
import { sealSecret } from '@/lib/hosts/secret-box';
import { isUniqueViolation, refreshHostPages } from '@/lib/hosts/write';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(listHostsOp, async () => json({ items: await listHosts() }));

export const POST = apiRoute(createHostsOp, async ({ viewer, body }) => {
  const list = Array.isArray(body) ? body : [body];
  let created;
  try {
    created = await createHostRows(list.map(({ secret, ...host }) => ({ ...host, secretSealed: sealSecret(secret) })));
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, 'A host with one of these names exists; nothing was registered.');
    throw err;
  }
  for (const host of created) {
    await audit(viewer, {
      action: 'host.create',
      targetType: 'host',
      targetId: host.id,
      outcome: 'success',
      details: { name: host.name, role: host.role, agentUrl: host.agentUrl, via: 'api' },
    });
  }
  refreshHostPages();
  return json(Array.isArray(body) ? { items: created } : created[0], { status: 201 });
});
