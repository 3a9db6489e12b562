// What an alert group writes into an incident: a new draft (symptoms, a
// detection entry, "Seen before" and runbooks in the narrative) or the lines
// added to the open incident it joins (new alerts, a recovery entry). Pure, so
// the wording is tested without a database. Alert text comes from outside:
// it is escaped before it goes into markdown, and only http(s) links are kept.
import { createHash } from 'node:crypto';
import { ITEM_TEXT_MAX, LIST_MAX, SUMMARY_MAX, TITLE_MAX, type IncidentDocument } from '@/lib/content/schema';
import type { AlertBatch, AlertMatch, IncomingAlert } from './schema';

const SOURCE_NAMES = { alertmanager: 'Alertmanager', grafana: 'Grafana' } as const;
/** Slug part taken from the alert name; the whole slug stays far below the 120 allowed. */
const SLUG_NAME_MAX = 60;
/** Services named by one alert group; more is a group by instance, not by service. */
const SERVICES_MAX = 10;
/** A service name is a label, not a sentence (the content schema allows 80). */
const SERVICE_NAME_MAX = 80;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Markdown-inert text: characters that would open links, emphasis, HTML or code are escaped. */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** An http(s) URL as a markdown autolink, or null for anything else (javascript:, data:, junk). */
export function mdUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `<${u.href.replace(/[<>\s]/g, encodeURIComponent)}>`;
  } catch {
    return null;
  }
}

const nameOf = (a: IncomingAlert) => a.labels.alertname ?? 'Alert';
const summaryOf = (a: IncomingAlert, batch: AlertBatch) =>
  a.annotations.summary ?? a.annotations.description ?? batch.commonAnnotations.summary ?? '';
const whereOf = (a: IncomingAlert) =>
  ['instance', 'service', 'job']
    .map((k) => a.labels[k])
    .filter(Boolean)
    .join(', ');

/** One symptom line per alert: "GatewayArpFailed: Gateway 193.70.55.1 shows FAILED in ip neigh (lb-03:9100, node-exporter)". */
export function symptomOf(a: IncomingAlert, batch: AlertBatch): string {
  const where = whereOf(a);
  const summary = summaryOf(a, batch);
  return cut(`${nameOf(a)}${summary ? `: ${summary}` : ''}${where ? ` (${where})` : ''}`, ITEM_TEXT_MAX);
}

function slugPart(text: string): string {
  return (
    text
      .replace(/(?<=[a-z0-9])(?=[A-Z])/g, '-')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, SLUG_NAME_MAX)
      .replace(/-+$/, '') || 'alert'
  );
}

const earliest = (alerts: IncomingAlert[]) => new Date(Math.min(...alerts.map((a) => a.startsAt.getTime())));

/**
 * The draft's slug: the alert name, the day and a hash of the group and its
 * first start, so a replay or two deliveries of one group racing each other
 * name the same incident (the second finds it taken and joins it).
 */
export function draftSlug(batch: AlertBatch): string {
  const first = earliest(batch.alerts);
  const hash = createHash('sha256')
    .update(`${batch.source}\n${batch.groupKey}\n${first.toISOString()}`)
    .digest('hex')
    .slice(0, 8);
  const name = batch.alerts[0] ? nameOf(batch.alerts[0]) : (batch.title ?? 'alert');
  return `alert-${slugPart(name)}-${first.toISOString().slice(0, 10).replaceAll('-', '')}-${hash}`;
}

/** Alertmanager's severity label as the incident's; a person sets the real one when reviewing the draft. */
function severityOf(batch: AlertBatch): IncidentDocument['severity'] {
  const levels = batch.alerts.map((a) => (a.labels.severity ?? batch.commonLabels.severity ?? '').toLowerCase());
  if (levels.some((l) => l === 'page' || l === 'critical' || l === 'p1')) return 'SEV2';
  if (levels.some((l) => l === 'warning' || l === 'major')) return 'SEV3';
  return 'SEV4';
}

function servicesOf(batch: AlertBatch): string[] {
  const names = batch.alerts.map((a) => a.labels.service ?? a.labels.job).filter((s): s is string => !!s?.trim());
  return [...new Set(names.map((s) => cut(s.trim(), SERVICE_NAME_MAX)))].slice(0, SERVICES_MAX);
}

/** runbook_url annotations (per alert, or common to the group) that are http(s). */
export function runbookUrls(batch: AlertBatch): string[] {
  const raw = [batch.commonAnnotations.runbook_url, ...batch.alerts.map((a) => a.annotations.runbook_url)];
  return [...new Set(raw.filter((u): u is string => !!u && mdUrl(u) !== null))];
}

/** A runbook_url that points at one of our own runbook pages names that runbook. */
export function ownRunbookSlug(url: string): string | null {
  try {
    const m = /^\/runbooks\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(new URL(url).pathname);
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

const detectionText = (a: IncomingAlert, batch: AlertBatch) =>
  cut(`${SOURCE_NAMES[batch.source]} fired ${symptomOf(a, batch)}`, ITEM_TEXT_MAX);

/** The narrative: what was seen before, which runbooks, and the alerts themselves with their links. */
export function narrativeOf(batch: AlertBatch, matches: AlertMatch[]): string {
  const incidents = matches.filter((m) => m.type === 'incident');
  const runbooks = matches.filter((m) => m.type === 'runbook');
  const urls = runbookUrls(batch);
  const lines: string[] = [
    `Opened from ${SOURCE_NAMES[batch.source]} (receiver ${mdText(batch.receiver) || 'unnamed'}). Review it, then publish or delete it.`,
    '',
    '## Seen before',
    '',
    ...(incidents.length
      ? incidents.map((m) => `- [${mdText(m.title)}](/incidents/${m.slug})`)
      : ['No past incident shares the words of these alerts.']),
    '',
    '## Runbooks',
    '',
    ...runbooks.map((m) => `- [${mdText(m.title)}](/runbooks/${m.slug})`),
    ...urls.map((u) => `- ${mdUrl(u)} (runbook_url of the alert)`),
    ...(runbooks.length || urls.length ? [] : ['No runbook matched.']),
    '',
    '## Alerts',
    '',
    ...batch.alerts.map((a) => {
      const link = mdUrl(a.generatorUrl);
      return `- **${mdText(nameOf(a))}** ${a.status} since ${a.startsAt.toISOString()}: ${mdText(summaryOf(a, batch)) || 'no summary'}${link ? ` (${link})` : ''}`;
    }),
  ];
  return lines.join('\n');
}

/** A new draft incident for a firing group. */
export function draftIncident(batch: AlertBatch, matches: AlertMatch[], runbookSlugs: string[]): IncidentDocument {
  const firing = batch.alerts.filter((a) => a.status === 'firing');
  const alerts = firing.length ? firing : batch.alerts;
  const first = alerts[0]!;
  const started = earliest(alerts);
  const title = batch.title ?? `${nameOf(first)}${summaryOf(first, batch) ? `: ${summaryOf(first, batch)}` : ''}`;
  return {
    slug: draftSlug(batch),
    title: cut(title.replace(/\s+/g, ' ').trim() || 'Alert', TITLE_MAX),
    summary: cut(
      `${alerts.length} alert${alerts.length === 1 ? '' : 's'} firing in ${SOURCE_NAMES[batch.source]} group ${batch.groupKey}; under investigation.`,
      SUMMARY_MAX,
    ),
    severity: severityOf(batch),
    // A draft (authors only until someone reviews and publishes it), under investigation.
    status: 'investigating',
    draft: true,
    timezone: 'UTC',
    startedAt: started,
    detectedAt: started,
    services: servicesOf(batch),
    tags: ['alert', batch.source],
    rootCause: 'unknown',
    impact: '',
    symptoms: [...new Set(alerts.map((a) => symptomOf(a, batch)))].slice(0, LIST_MAX),
    timeline: alerts
      .slice(0, LIST_MAX)
      .map((a) => ({ at: a.startsAt, kind: 'detection' as const, text: detectionText(a, batch) })),
    contributingFactors: [],
    resolutionSteps: [],
    actionItems: [],
    runbooks: runbookSlugs,
    lessons: '',
    narrative: narrativeOf(batch, matches),
  };
}

/**
 * The open incident `doc` with what `changed` alerts add: a symptom and a
 * detection entry per newly firing alert, and one recovery entry when the
 * group is resolved. Lines already there are not repeated.
 */
export function attachToIncident(doc: IncidentDocument, batch: AlertBatch, changed: IncomingAlert[]): IncidentDocument {
  const symptoms = [...doc.symptoms];
  const timeline = [...doc.timeline];
  const has = (at: Date, text: string) => timeline.some((t) => t.at.getTime() === at.getTime() && t.text === text);
  for (const a of changed.filter((x) => x.status === 'firing')) {
    const symptom = symptomOf(a, batch);
    if (!symptoms.includes(symptom) && symptoms.length < LIST_MAX) symptoms.push(symptom);
    const text = detectionText(a, batch);
    if (!has(a.startsAt, text) && timeline.length < LIST_MAX) timeline.push({ at: a.startsAt, kind: 'detection', text });
  }
  if (batch.status === 'resolved') {
    const ends = batch.alerts.map((a) => a.endsAt?.getTime() ?? 0);
    const at = new Date(Math.max(0, ...ends) || Date.now());
    const names = [...new Set(batch.alerts.map(nameOf))].join(', ');
    const text = cut(`${SOURCE_NAMES[batch.source]} resolved ${names} (group ${batch.groupKey}).`, ITEM_TEXT_MAX);
    if (!has(at, text) && timeline.length < LIST_MAX) timeline.push({ at, kind: 'recovery', text });
  }
  return { ...doc, symptoms, timeline };
}
