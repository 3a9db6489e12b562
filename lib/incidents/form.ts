// The postmortem form's state and its one validation, used in the browser
// before submitting and by the server action on what arrives. Times are typed
// as "YYYY-MM-DD HH:MM" on the incident's own clock; the schema turns the form
// into a document in the content format and validates it with the content schema.
import { z } from 'zod';
import { incidentDocumentSchema, type IncidentDocument, type IncidentDocumentInput } from '@/lib/content/schema';
import { slugifyTag } from '@/lib/format/tag';
import { fromLocalInput, isTimeZone, toLocalInput } from '@/lib/format/zoned';
import { ActionItemStatus, IncidentStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';

/** Largest form payload the server reads: every field at its limit fits well below this. */
export const FORM_JSON_MAX = 3_000_000;
/** A bound on any single string before the document schema applies the real per-field limits. */
const RAW_STRING_MAX = 250_000;
/** A bound on rows before the document schema applies LIST_MAX. */
const RAW_ROWS_MAX = 1_000;

const str = z.string().max(RAW_STRING_MAX);
const key = z.string().max(100);
const rows = <T extends z.ZodRawShape>(shape: T) => z.array(z.object({ key, ...shape })).max(RAW_ROWS_MAX);

/** The raw form: strings as typed, rows with stable keys for React and focus. */
export const incidentFormShape = z.object({
  // Being a draft is its own flag; `status` is where the incident stands (docs/decisions/031).
  draft: z.boolean(),
  slug: str,
  title: str,
  summary: str,
  severity: z.enum(Severity),
  status: z.enum(IncidentStatus),
  timezone: str,
  startedAt: str,
  detectedAt: str,
  mitigatedAt: str,
  resolvedAt: str,
  author: str,
  source: str,
  rootCause: z.enum(RootCause),
  /** A factor category's slug, or '' for none. */
  trigger: str,
  impact: str,
  lessons: str,
  narrative: str,
  services: rows({ value: str }),
  tags: rows({ value: str }),
  symptoms: rows({ value: str }),
  timeline: rows({ at: str, kind: z.enum(TimelineKind), text: str }),
  contributingFactors: rows({ title: str, detail: str, category: str }),
  resolutionSteps: rows({ text: str, command: str, check: str }),
  actionItems: rows({ text: str, owner: str, due: str, status: z.enum(ActionItemStatus) }),
  runbooks: z.array(str).max(RAW_ROWS_MAX),
});

export type IncidentForm = z.infer<typeof incidentFormShape>;
export type ListKey = 'services' | 'tags' | 'symptoms' | 'timeline' | 'contributingFactors' | 'resolutionSteps' | 'actionItems';

export const TIME_FORMAT = 'Use YYYY-MM-DD HH:MM (24-hour), e.g. 2020-10-14 13:50.';
const blank = (s: string) => (s.trim() ? s : undefined);

type Issue = { path: (string | number)[]; message: string };

/** Turns typed times into instants; collects the ones that are not real times. */
function convert(form: IncidentForm): { input: IncidentDocumentInput; issues: Issue[] } {
  const issues: Issue[] = [];
  const tz = form.timezone.trim() || 'UTC';
  const zoneOk = isTimeZone(tz);
  if (!zoneOk) issues.push({ path: ['timezone'], message: 'Unknown time zone; pick one from the list, e.g. America/Chicago.' });
  const time = (value: string, path: (string | number)[], required: boolean): string | undefined => {
    if (!value.trim()) {
      if (required) issues.push({ path, message: 'Required.' });
      return undefined;
    }
    if (!zoneOk) return undefined;
    const at = fromLocalInput(value, tz);
    if (!at) {
      issues.push({ path, message: TIME_FORMAT });
      return undefined;
    }
    return at.toISOString();
  };
  const due = (value: string, path: (string | number)[]) => {
    if (!value.trim()) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
      issues.push({ path, message: 'Use YYYY-MM-DD, e.g. 2020-11-30.' });
      return undefined;
    }
    return value.trim();
  };
  const input: IncidentDocumentInput = {
    // A draft needs only a title: its slug is proposed from it when left blank.
    slug: form.slug.trim() || slugFromTitle(form.title),
    title: form.title,
    summary: form.summary,
    severity: form.severity,
    status: form.status,
    draft: form.draft,
    timezone: tz,
    // Required to publish; the content schema says so at Publish, a draft may wait.
    startedAt: time(form.startedAt, ['startedAt'], false),
    detectedAt: time(form.detectedAt, ['detectedAt'], false),
    mitigatedAt: time(form.mitigatedAt, ['mitigatedAt'], false),
    resolvedAt: time(form.resolvedAt, ['resolvedAt'], false),
    author: blank(form.author),
    source: blank(form.source),
    services: form.services.map((r) => r.value),
    // The browser slugifies as the author types; what arrives is normalised the same way.
    tags: form.tags.map((r) => slugifyTag(r.value)),
    rootCause: form.rootCause,
    trigger: blank(form.trigger),
    impact: form.impact,
    symptoms: form.symptoms.map((r) => r.value),
    timeline: form.timeline.map((e, i) => ({
      at: time(e.at, ['timeline', i, 'at'], true) ?? new Date(0).toISOString(),
      kind: e.kind,
      text: e.text,
    })),
    contributingFactors: form.contributingFactors.map((f) => ({ title: f.title, detail: f.detail, category: blank(f.category) })),
    resolutionSteps: form.resolutionSteps.map((s) => ({ text: s.text, command: blank(s.command), check: blank(s.check) })),
    actionItems: form.actionItems.map((a, i) => ({
      text: a.text,
      owner: blank(a.owner),
      due: due(a.due, ['actionItems', i, 'due']),
      status: a.status,
    })),
    runbooks: form.runbooks,
    lessons: form.lessons,
    narrative: form.narrative,
  };
  return { input, issues };
}

/** The form's time fields as paths, in page order. */
const timePaths = (form: IncidentForm) => [
  ...(['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const).map((path) => ({ path, value: form[path] })),
  ...form.timeline.map((e, i) => ({ path: `timeline.${i}.at`, value: e.at })),
];

/**
 * What is wrong with the times as they are typed, by field path: the same
 * parser and message the save uses (fromLocalInput, TIME_FORMAT), run in the
 * browser on every keystroke. Blank fields are not judged here: whether one is
 * required depends on Save draft or Publish.
 */
export function liveTimeErrors(form: IncidentForm): Record<string, string[]> {
  const tz = form.timezone.trim() || 'UTC';
  if (!isTimeZone(tz)) return { timezone: ['Unknown time zone; pick one from the list, e.g. America/Chicago.'] };
  const errors: Record<string, string[]> = {};
  for (const { path, value } of timePaths(form)) {
    if (value.trim() && !fromLocalInput(value, tz)) errors[path] = [TIME_FORMAT];
  }
  return errors;
}

/**
 * The errors to show now: the last Save/Publish check's, with every typed time
 * judged afresh, so a corrected time loses its format error at once and a
 * mistyped one gets its error before any submit. A blank field keeps what the
 * last submit said of it ("Required to publish."), and so does an order error.
 */
export function withLiveTimeErrors(
  base: Record<string, string[] | undefined> | undefined,
  form: IncidentForm,
): Record<string, string[] | undefined> {
  const live = liveTimeErrors(form);
  const out = { ...base };
  // Only the format message is judged live: an order error ("cannot be detected
  // before it was started") stays until the next Save or Publish checks again.
  for (const { path, value } of timePaths(form)) {
    if (!value.trim() || !out[path]) continue;
    const rest = out[path]!.filter((m) => m !== TIME_FORMAT);
    if (rest.length) out[path] = rest;
    else delete out[path];
  }
  if (form.timezone.trim()) delete out.timezone;
  return { ...out, ...live };
}

const samePath = (a: Issue['path'], b: PropertyKey[]) => a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * The one validation of the form: the shape, the typed times, then the content
 * schema itself. Every problem is reported at once, each at its field's path.
 */
export const incidentFormSchema = incidentFormShape.transform((form, ctx): IncidentDocument => {
  const { input, issues } = convert(form);
  for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  const result = incidentDocumentSchema.safeParse(input);
  if (!result.success) {
    // A mistyped time already has its message; what its placeholder causes is noise.
    for (const issue of result.error.issues) {
      if (!issues.some((i) => samePath(i.path, issue.path)))
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  }
  if (!result.success || issues.length) return z.NEVER;
  return result.data;
});

let counter = 0;
/** A key for a new row; unique within the page's lifetime. */
export function newRowKey(): string {
  counter += 1;
  return `n${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export const emptyRow: { [K in ListKey]: () => IncidentForm[K][number] } = {
  services: () => ({ key: newRowKey(), value: '' }),
  tags: () => ({ key: newRowKey(), value: '' }),
  symptoms: () => ({ key: newRowKey(), value: '' }),
  timeline: () => ({ key: newRowKey(), at: '', kind: TimelineKind.action, text: '' }),
  contributingFactors: () => ({ key: newRowKey(), title: '', detail: '', category: '' }),
  resolutionSteps: () => ({ key: newRowKey(), text: '', command: '', check: '' }),
  actionItems: () => ({ key: newRowKey(), text: '', owner: '', due: '', status: ActionItemStatus.open }),
};

export function emptyIncidentForm(author = ''): IncidentForm {
  return {
    draft: true,
    slug: '',
    title: '',
    summary: '',
    severity: Severity.SEV3,
    status: 'resolved',
    timezone: 'UTC',
    startedAt: '',
    detectedAt: '',
    mitigatedAt: '',
    resolvedAt: '',
    author,
    source: '',
    rootCause: RootCause.unknown,
    trigger: '',
    impact: '',
    lessons: '',
    narrative: '',
    services: [],
    tags: [],
    symptoms: [],
    timeline: [],
    contributingFactors: [],
    resolutionSteps: [],
    actionItems: [],
    runbooks: [],
  };
}

/** The form for a stored incident. Keys are positional so server and browser agree. */
export function documentToForm(doc: IncidentDocument): IncidentForm {
  const tz = doc.timezone;
  const local = (d: Date | undefined) => (d ? toLocalInput(d, tz) : '');
  const k = (list: string, i: number) => `${list}-${i}`;
  const value = (list: string) => (v: string, i: number) => ({ key: k(list, i), value: v });
  return {
    draft: doc.draft,
    slug: doc.slug,
    title: doc.title,
    summary: doc.summary,
    severity: doc.severity,
    status: doc.status,
    timezone: tz,
    startedAt: local(doc.startedAt),
    detectedAt: local(doc.detectedAt),
    mitigatedAt: local(doc.mitigatedAt),
    resolvedAt: local(doc.resolvedAt),
    author: doc.author ?? '',
    source: doc.source ?? '',
    rootCause: doc.rootCause,
    trigger: doc.trigger ?? '',
    impact: doc.impact,
    lessons: doc.lessons,
    narrative: doc.narrative,
    services: doc.services.map(value('services')),
    tags: doc.tags.map(value('tags')),
    symptoms: doc.symptoms.map(value('symptoms')),
    timeline: doc.timeline.map((e, i) => ({ key: k('timeline', i), at: local(e.at), kind: e.kind, text: e.text })),
    contributingFactors: doc.contributingFactors.map((f, i) => ({
      key: k('factors', i),
      title: f.title,
      detail: f.detail,
      category: f.category ?? '',
    })),
    resolutionSteps: doc.resolutionSteps.map((s, i) => ({
      key: k('steps', i),
      text: s.text,
      command: s.command ?? '',
      check: s.check ?? '',
    })),
    actionItems: doc.actionItems.map((a, i) => ({
      key: k('actions', i),
      text: a.text,
      owner: a.owner ?? '',
      due: a.due ? a.due.toISOString().slice(0, 10) : '',
      status: a.status,
    })),
    runbooks: doc.runbooks,
  };
}

/** "GS14 lost its network!" -> "gs14-lost-its-network": a slug proposal from a title. */
export function slugFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
