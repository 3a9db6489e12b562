// Where a webhook may be sent. Webhooks legitimately reach chat servers on the
// internet and on the team's own network, so public and private (10/8,
// 172.16/12, 192.168/16, fc00::/7) addresses are allowed, as for agents
// (lib/agents/address.ts). Link-local and metadata addresses (the cloud's
// instance credentials) are never called; loopback (this machine's own
// services) only with WEBHOOK_ALLOW_LOOPBACK=true, for a receiver on the same
// host and the tests. Checked on the URL when an admin saves it, and on every
// resolved address when a delivery connects (DNS rebinding).
import { addressProblem, classifyHost, type EgressPolicy } from '@/lib/agents/address';

export function webhookEgressPolicy(env: Record<string, string | undefined> = process.env): EgressPolicy {
  return { allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === 'true' };
}

/** The agents' wording names their setting; a webhook's refusal names its own. */
export const webhookReason = (reason: string) => reason.replace('AGENT_ALLOW_LOOPBACK', 'WEBHOOK_ALLOW_LOOPBACK');

/** Why `raw` may not be a webhook URL, or null when it may. */
export function webhookUrlProblem(raw: string, policy = webhookEgressPolicy()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http and https URLs.';
  if (url.username || url.password) return 'Put no user or password in the URL; the secret signs the deliveries.';
  const problem = addressProblem(classifyHost(url.hostname), policy);
  return problem ? `This address is refused: ${webhookReason(problem)}.` : null;
}
