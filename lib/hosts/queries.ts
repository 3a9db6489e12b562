// Reads of the host registry. Secrets stay sealed and never leave this module.
import 'server-only';
import { agentHealth } from '@/lib/agents/client';
import { db } from '@/lib/db';
import { openSecret } from './secret-box';

/** A health probe on the admin page must not hold the page up. */
const HEALTH_TIMEOUT_MS = 1_500;

export type HostRow = { id: string; name: string; role: string; agentUrl: string; disabled: boolean; runCount: number };

export async function listHosts(): Promise<HostRow[]> {
  const rows = await db.host.findMany({
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, role: true, agentUrl: true, disabled: true, _count: { select: { runs: true } } },
  });
  return rows.map(({ _count, ...h }) => ({ ...h, runCount: _count.runs }));
}

export async function getHost(id: string): Promise<HostRow | null> {
  const h = await db.host.findUnique({
    where: { id },
    select: { id: true, name: true, role: true, agentUrl: true, disabled: true, _count: { select: { runs: true } } },
  });
  return h ? { id: h.id, name: h.name, role: h.role, agentUrl: h.agentUrl, disabled: h.disabled, runCount: h._count.runs } : null;
}

export type HostHealth = { ok: true; running: number; maxConcurrent: number; name: string } | { ok: false; message: string };

/** Asks each enabled host's agent whether it is up, in parallel. */
export async function hostsHealth(ids: string[]): Promise<Map<string, HostHealth>> {
  const hosts = await db.host.findMany({
    where: { id: { in: ids }, disabled: false },
    select: { id: true, name: true, agentUrl: true, secretSealed: true },
  });
  const entries = await Promise.all(
    hosts.map(async (h): Promise<[string, HostHealth]> => {
      let secret: string;
      try {
        secret = openSecret(h.secretSealed);
      } catch (err) {
        return [h.id, { ok: false, message: (err as Error).message }];
      }
      const res = await agentHealth({ baseUrl: h.agentUrl, secret, timeoutMs: HEALTH_TIMEOUT_MS, hostLabel: h.name });
      return [
        h.id,
        res.ok
          ? { ok: true, running: res.data.running, maxConcurrent: res.data.maxConcurrent, name: res.data.name }
          : { ok: false, message: res.message },
      ];
    }),
  );
  return new Map(entries);
}
