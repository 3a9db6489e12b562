// zod schemas for the frontmatter of content/ files (docs/content-format.md).
import { z } from 'zod';
// The allowed values are the database's own enums, so they are written once.
import { slugifyTag, TAG_MAX } from '@/lib/format/tag';
import { ActionItemStatus, IncidentStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';
import { checkRenderable } from '@/lib/markdown/limits';
// Every text field refuses control characters and lone surrogates (NUL would fail the write).
import { safeString } from '@/lib/validation/text';
import { parseDuration } from '@/lib/verification/duration';

/** The status value that meant "draft" before drafts became a flag (docs/decisions/031). */
export const LEGACY_DRAFT_STATUS = 'draft';

/** Longest title a list row can show without becoming a paragraph. */
export const TITLE_MAX = 200;
/** Summaries are one or two sentences; longer text belongs in the narrative. */
export const SUMMARY_MAX = 2_000;
/** A single symptom, timeline entry or step is a statement, not an essay. */
export const ITEM_TEXT_MAX = 4_000;
/** Long-form fields (narrative, runbook body) - generous, but bounded. */
export const BODY_MAX = 200_000;
/** More rows than this in one list is a sign of a malformed file. */
export const LIST_MAX = 200;

export const slugSchema = z
  .string()
  .min(3, 'At least 3 characters.')
  .max(120, 'At most 120 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes.');

// Instants must carry an explicit offset so no reader has to guess the zone.
const instant = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 time with an offset, e.g. "2020-10-14T13:50:00-05:00"' })
  .transform((s) => new Date(s));
const day = z.iso.date({ message: 'expected a date, e.g. "2020-11-30"' }).transform((s) => new Date(`${s}T00:00:00Z`));

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone');

const text = (max: number) => safeString().trim().min(1, 'Required.').max(max, `At most ${max} characters.`);
/** Optional free text: trimmed, bounded, empty allowed. */
const prose = (max: number) => safeString().trim().max(max, `At most ${max} characters.`).default('');
/** Refuses, as a field error, markdown too large or too deeply nested to render (lib/markdown/limits.ts). */
const renderable = (what: string) => (value: string, ctx: z.RefinementCtx) => {
  const result = checkRenderable(value, what);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
};
const names = z.array(text(80)).max(LIST_MAX).default([]);
// URL parsing percent-encodes a NUL instead of refusing it; the text check refuses it.
const url = safeString().pipe(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }));


/** The impact statement: a few paragraphs of prose. */
export const IMPACT_MAX = SUMMARY_MAX * 5;

// The fields of an incident, shared by the content file's frontmatter and the
// whole document (frontmatter + narrative) that the form, the importer and the
// revision snapshots use. Lists a published incident needs may be empty in a
// draft, so a postmortem can be saved at any moment of a stressful week.
/** A factor category's slug (content/factor-categories.yaml); the store refuses one the list lacks. */
export const categorySlugSchema = z
  .string()
  .max(60, 'At most 60 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a category is a slug such as "capacity"');

const incidentFields = {
  slug: slugSchema,
  title: text(TITLE_MAX),
  summary: prose(SUMMARY_MAX),
  severity: z.enum(Severity),
  // Files written before decision 031 say `status: draft`: read as a draft under
  // investigation (liftLegacyDraft below); every file written since carries `draft`.
  status: z.union([z.enum(IncidentStatus), z.literal(LEGACY_DRAFT_STATUS)]),
  draft: z.boolean().optional(),
  timezone: timeZone.default('UTC'),
  // Only a draft may lack it (checkIncident), as in the database.
  startedAt: instant.optional(),
  detectedAt: instant.optional(),
  mitigatedAt: instant.optional(),
  resolvedAt: instant.optional(),
  author: text(120).optional(),
  source: url.optional(),
  services: z.array(text(80)).max(LIST_MAX).default([]),
  // "Disk Full" is read as "disk-full", the spelling the form gives as it is typed.
  tags: z
    .array(
      text(TAG_MAX * 2)
        .transform(slugifyTag)
        .pipe(z.string().max(TAG_MAX, `At most ${TAG_MAX} characters.`).regex(/^[a-z0-9][a-z0-9.+-]*$/, 'tags are lowercase words joined by dashes')),
    )
    .max(LIST_MAX)
    .default([]),
  rootCause: z.enum(RootCause).default('unknown'),
  trigger: categorySlugSchema.optional(),
  impact: prose(IMPACT_MAX),
  symptoms: z.array(text(ITEM_TEXT_MAX)).max(LIST_MAX).default([]),
  timeline: z
    .array(z.object({ at: instant, kind: z.enum(TimelineKind), text: text(ITEM_TEXT_MAX) }).strict())
    .max(LIST_MAX)
    .default([]),
  contributingFactors: z
    .array(z.object({ title: text(TITLE_MAX), detail: prose(ITEM_TEXT_MAX), category: categorySlugSchema.optional() }).strict())
    .max(LIST_MAX)
    .default([]),
  resolutionSteps: z
    .array(
      z
        .object({
          text: text(ITEM_TEXT_MAX),
          command: text(ITEM_TEXT_MAX).optional(),
          check: slugSchema.optional(),
        })
        .strict(),
    )
    .max(LIST_MAX)
    .default([]),
  actionItems: z
    .array(
      z
        .object({
          text: text(ITEM_TEXT_MAX),
          owner: text(120).optional(),
          due: day.optional(),
          status: z.enum(ActionItemStatus).default('open'),
        })
        .strict(),
    )
    .max(LIST_MAX)
    .default([]),
  runbooks: z.array(slugSchema).max(LIST_MAX).default([]),
  lessons: prose(BODY_MAX).superRefine(renderable('The lessons text')),
};

const MILESTONES = [
  { key: 'startedAt', label: 'started' },
  { key: 'detectedAt', label: 'detected' },
  { key: 'mitigatedAt', label: 'mitigated' },
  { key: 'resolvedAt', label: 'resolved' },
] as const;

type IncidentFields = z.output<z.ZodObject<typeof incidentFields>>;

/** Being a draft, from the flag or the status value older files used for it. */
const isDraft = (inc: Pick<IncidentFields, 'draft' | 'status'>) => inc.draft === true || inc.status === LEGACY_DRAFT_STATUS;

/**
 * The document as stored: `draft` always present, and the old `status: draft`
 * lifted into the flag with the status the form used to offer ("investigating").
 * A file saying both `status: draft` and `draft: false` stays a draft: doubt keeps it private.
 */
function liftLegacyDraft<T extends IncidentFields>({ status, draft, ...rest }: T) {
  void draft;
  return {
    ...rest,
    status: status === LEGACY_DRAFT_STATUS ? IncidentStatus.investigating : status,
    draft: isDraft({ status, draft }),
  };
}

function checkIncident(inc: IncidentFields, ctx: z.RefinementCtx) {
  // Each milestone must not precede the one before it.
  let prev: { label: string; at: Date } | undefined;
  for (const { key, label } of MILESTONES) {
    const at = inc[key];
    if (!at) continue;
    if (prev && at < prev.at) {
      ctx.addIssue({ code: 'custom', path: [key], message: `The incident cannot be ${label} before it was ${prev.label}.` });
    }
    prev = { label, at };
  }
  // A draft needs only its title; what a reader needs from a published postmortem comes at Publish.
  if (isDraft(inc)) return;
  if (!inc.startedAt) ctx.addIssue({ code: 'custom', path: ['startedAt'], message: 'Required to publish.' });
  if (!inc.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'Required to publish.' });
  if (!inc.services.length) ctx.addIssue({ code: 'custom', path: ['services'], message: 'Name at least one affected service to publish.' });
  if (!inc.symptoms.length) ctx.addIssue({ code: 'custom', path: ['symptoms'], message: 'Add at least one symptom to publish.' });
  if (!inc.timeline.length) ctx.addIssue({ code: 'custom', path: ['timeline'], message: 'Add at least one timeline entry to publish.' });
}

export const incidentFrontmatterSchema = z.object(incidentFields).strict().superRefine(checkIncident).transform(liftLegacyDraft);

/**
 * A whole incident: the frontmatter plus the markdown narrative. What the form
 * submits, the importer reads and a revision snapshot holds.
 * Leading blank lines of the narrative are not kept by the file format.
 */
export const incidentDocumentFields = z
  .object({
    ...incidentFields,
    narrative: safeString()
      .max(BODY_MAX, `At most ${BODY_MAX} characters.`)
      .superRefine(renderable('The narrative'))
      .transform((s) => s.replace(/^\n+/, ''))
      .default(''),
  })
  .strict();

export const incidentDocumentSchema = incidentDocumentFields.superRefine(checkIncident).transform(liftLegacyDraft);

/** The document checked as a whole, for a schema that extends its fields (the JSON API's body). */
export const checkIncidentDocument = <T extends z.ZodType<IncidentFields>>(fields: T) =>
  fields.superRefine(checkIncident).transform(liftLegacyDraft);

/** Two years: a runbook nobody needs to look at for longer is documentation, not a procedure. */
export const REVIEW_EVERY_MAX_DAYS = 730;

/** Checks one verification may name: each is a launch per host of the role. */
export const VERIFY_CHECKS_MAX = 50;

/**
 * `verify: { every: 6h, role: director, checks: [slug, ...] }`: which embedded
 * read-only checks the queue's scheduler runs, how often, on which host role
 * (decision 039). Without `checks`, every embedded read-only check.
 */
export const runbookVerifySchema = z
  .object({
    every: z.string().transform((text, ctx) => {
      const parsed = parseDuration(text);
      if (parsed.ok) return parsed.seconds;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }),
    role: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a host role, e.g. director'),
    checks: z
      .array(slugSchema)
      .min(1)
      .max(VERIFY_CHECKS_MAX)
      .refine((list) => new Set(list).size === list.length, 'a check is named twice')
      .optional(),
  })
  .strict();

export const runbookFrontmatterSchema = z
  .object({
    slug: slugSchema,
    title: text(TITLE_MAX),
    summary: safeString().max(SUMMARY_MAX).default(''),
    services: names,
    tags: names,
    owner: text(120).optional(),
    updatedAt: day.optional(),
    // How often it must be reviewed, e.g. `90d`; without it a runbook is never stale.
    reviewEvery: z
      .string()
      .regex(/^\d{1,4}d$/, 'a number of days, e.g. 90d')
      .transform((s) => Number.parseInt(s, 10))
      .refine((days) => days >= 1 && days <= REVIEW_EVERY_MAX_DAYS, `between 1d and ${REVIEW_EVERY_MAX_DAYS}d`)
      .optional(),
    verify: runbookVerifySchema.optional(),
  })
  .strict();

export type IncidentFrontmatter = z.infer<typeof incidentFrontmatterSchema>;
export type RunbookFrontmatter = z.infer<typeof runbookFrontmatterSchema>;
export type IncidentDocument = z.output<typeof incidentDocumentSchema>;
/** The serialisable form: times as ISO strings with offsets, due dates as YYYY-MM-DD. */
export type IncidentDocumentInput = z.input<typeof incidentDocumentSchema>;
