// zod schemas for the frontmatter of content/ files (docs/content-format.md).
import { z } from 'zod';
// The allowed values are the database's own enums, so they are written once.
import { ActionItemStatus, IncidentStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';

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
  .min(3)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes');

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

const text = (max: number) => z.string().trim().min(1).max(max);
const names = z.array(text(80)).max(LIST_MAX).default([]);
const url = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });


export const incidentFrontmatterSchema = z
  .object({
    slug: slugSchema,
    title: text(TITLE_MAX),
    summary: text(SUMMARY_MAX),
    severity: z.enum(Severity),
    status: z.enum(IncidentStatus),
    timezone: timeZone.default('UTC'),
    startedAt: instant,
    detectedAt: instant.optional(),
    mitigatedAt: instant.optional(),
    resolvedAt: instant.optional(),
    author: text(120).optional(),
    source: url.optional(),
    services: z.array(text(80)).min(1).max(LIST_MAX),
    tags: z.array(text(40).regex(/^[a-z0-9][a-z0-9.+-]*$/, 'tags are lowercase words joined by dashes')).max(LIST_MAX).default([]),
    rootCause: z.enum(RootCause).default('unknown'),
    impact: z.string().max(SUMMARY_MAX * 5).default(''),
    symptoms: z.array(text(ITEM_TEXT_MAX)).min(1).max(LIST_MAX),
    timeline: z
      .array(z.object({ at: instant, kind: z.enum(TimelineKind), text: text(ITEM_TEXT_MAX) }).strict())
      .min(1)
      .max(LIST_MAX),
    contributingFactors: z
      .array(z.object({ title: text(TITLE_MAX), detail: z.string().max(ITEM_TEXT_MAX).default('') }).strict())
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
    lessons: z.string().max(BODY_MAX).default(''),
  })
  .strict()
  .superRefine((inc, ctx) => {
    // Each milestone must not precede the one before it.
    const order = ['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const;
    let prev: { key: string; at: Date } | undefined;
    for (const key of order) {
      const at = inc[key];
      if (!at) continue;
      if (prev && at < prev.at) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is before ${prev.key}` });
      }
      prev = { key, at };
    }
  });

export const runbookFrontmatterSchema = z
  .object({
    slug: slugSchema,
    title: text(TITLE_MAX),
    summary: z.string().max(SUMMARY_MAX).default(''),
    services: names,
    tags: names,
    owner: text(120).optional(),
    updatedAt: day.optional(),
  })
  .strict();

export type IncidentFrontmatter = z.infer<typeof incidentFrontmatterSchema>;
export type RunbookFrontmatter = z.infer<typeof runbookFrontmatterSchema>;
