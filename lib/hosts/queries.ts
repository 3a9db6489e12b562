// Reads of the host registry. Secrets stay sealed and never leave this module.
// Agent health is what the background probe stored (./probe.ts): a page view
// never calls an agent.
import 'server-only';
import { db } from '@/lib/db';
import { storedLabels, type HostLabels } from './labels';

export type HostProbe = {
  at: Date | null;
  ok: boolean | null;
  error: string | null;
  agentVersion: string | null;
  failingSince: Date | null;
};

export type HostRow = {
  id: string;
  name: string;
  role: string;
  agentUrl: string;
  disabled: boolean;
  labels: HostLabels;
  probe: HostProbe;
  runCount: number;
};

const select = {
  id: true,
  name: true,
  role: true,
  agentUrl: true,
  disabled: true,
  labels: true,
  lastProbeAt: true,
  lastProbeOk: true,
  lastProbeError: true,
  agentVersion: true,
  probeFailingSince: true,
  _count: { select: { runs: true } },
} as const;

type Selected = {
  id: string;
  name: string;
  role: string;
  agentUrl: string;
  disabled: boolean;
  labels: unknown;
  lastProbeAt: Date | null;
  lastProbeOk: boolean | null;
  lastProbeError: string | null;
  agentVersion: string | null;
  probeFailingSince: Date | null;
  _count: { runs: number };
};

function toRow(h: Selected): HostRow {
  return {
    id: h.id,
    name: h.name,
    role: h.role,
    agentUrl: h.agentUrl,
    disabled: h.disabled,
    labels: storedLabels(h.labels),
    probe: {
      at: h.lastProbeAt,
      ok: h.lastProbeOk,
      error: h.lastProbeError,
      agentVersion: h.agentVersion,
      failingSince: h.probeFailingSince,
    },
    runCount: h._count.runs,
  };
}

export async function listHosts(): Promise<HostRow[]> {
  const rows = await db.host.findMany({ orderBy: [{ role: 'asc' }, { name: 'asc' }], select });
  return rows.map(toRow);
}

export async function getHost(id: string): Promise<HostRow | null> {
  const h = await db.host.findUnique({ where: { id }, select });
  return h ? toRow(h) : null;
}
