// What the stored probe columns mean in words, for the hosts pages: "ok 2 min
// ago", "unreachable since 2026-12-03 09:14 UTC". Pure, so it is tested alone.
import { formatUtc } from '@/lib/format/time';
import type { HostProbe } from './queries';

/** Older than this, a last answer says little: the worker that probes may be down. */
export const PROBE_STALE_MS = 10 * 60_000;

export type HealthText = { tone: 'green' | 'red' | 'amber' | 'slate'; label: string; detail: string | null };

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

export function healthText(
  probe: Pick<HostProbe, 'at' | 'ok' | 'error' | 'agentVersion' | 'failingSince'>,
  now = new Date(),
): HealthText {
  if (!probe.at) return { tone: 'slate', label: 'not probed yet', detail: 'The worker probes agents in the background.' };
  const age = now.getTime() - probe.at.getTime();
  const stale = age > PROBE_STALE_MS ? ` (last probe ${ago(age)}: is the worker running?)` : '';
  if (probe.ok) {
    return {
      tone: stale ? 'amber' : 'green',
      label: `ok ${ago(age)}`,
      detail: `${probe.agentVersion ? `agent ${probe.agentVersion}` : 'agent up'}${stale}`,
    };
  }
  const since = probe.failingSince ?? probe.at;
  return { tone: 'red', label: `unreachable since ${formatUtc(since)}`, detail: `${probe.error ?? 'no answer'}${stale}` };
}
