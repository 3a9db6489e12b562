// A delivery's body in the webhook's format. Slack and Mattermost incoming
// webhooks take `{ text }` (each with its own link syntax); generic is the
// event envelope as JSON, signed (./sign.ts).
import type { WebhookFormat } from '@/lib/generated/prisma/enums';
import type { EventEnvelope } from './events';

/** Characters Slack's mrkdwn treats as control: escaped as its docs say. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mattermostEscape = (s: string) => s.replace(/[[\]()]/g, (c) => `\\${c}`);

export function formatBody(format: WebhookFormat, envelope: EventEnvelope): string {
  if (format === 'generic') return JSON.stringify(envelope);
  const absolute = envelope.url && /^https?:\/\//.test(envelope.url) ? envelope.url : null;
  if (format === 'slack') {
    const text = slackEscape(envelope.text);
    return JSON.stringify({ text: absolute ? `<${absolute}|${text}>` : text });
  }
  const text = mattermostEscape(envelope.text);
  return JSON.stringify({ text: absolute ? `[${text}](${absolute})` : text });
}
