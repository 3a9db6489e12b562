// The alert intake of the JSON API: Alertmanager's and Grafana's webhooks,
// posted with the token of an integration account (or an author and above).
import { alertmanagerPayload, grafanaPayload, intakeResponse } from '@/lib/alerts/schema';
import { operation } from '../operation';

const description = (sender: string) =>
  `Stores the ${sender} group's alerts, matches their text (alertname, summary, description, service and job) against past incidents and runbooks, then joins the open incident of the same group or opens a draft incident with the alerts as symptoms, a detection entry and a "Seen before" list. A resolved group adds a recovery entry. Posting the same payload again changes nothing and answers the same. Configure the sender with \`Authorization: Bearer <token>\` of an integration account.`;

export const alertmanagerIntakeOp = operation({
  id: 'alert.alertmanager',
  method: 'POST',
  path: '/api/v1/alerts/alertmanager',
  tag: 'Alerts',
  summary: 'Receive an Alertmanager webhook',
  description: description('Alertmanager'),
  access: 'integration',
  body: alertmanagerPayload,
  responses: { 200: { description: 'The incident opened or joined, and the matches.', schema: intakeResponse } },
  errors: { 413: 'The body is larger than the API allows.' },
});

export const grafanaIntakeOp = operation({
  id: 'alert.grafana',
  method: 'POST',
  path: '/api/v1/alerts/grafana',
  tag: 'Alerts',
  summary: 'Receive a Grafana alerting webhook',
  description: description('Grafana'),
  access: 'integration',
  body: grafanaPayload,
  responses: { 200: { description: 'The incident opened or joined, and the matches.', schema: intakeResponse } },
  errors: { 413: 'The body is larger than the API allows.' },
});
