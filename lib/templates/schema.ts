// zod for postmortem templates (content/templates/*.md): front matter that
// pre-fills parts of the new-postmortem form, and a narrative skeleton as the body.
import { z } from 'zod';
import { categorySlugSchema, ITEM_TEXT_MAX, SUMMARY_MAX, TITLE_MAX } from '@/lib/content/schema';
import { RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';

/** Rows a template pre-fills per list: a prompt, not a finished postmortem. */
const TEMPLATE_ROWS_MAX = 12;

const text = (max: number) => safeString().trim().min(1).max(max);
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(TEMPLATE_ROWS_MAX).default([]);

export const templateFrontmatterSchema = z
  .object({
    /** What the template is called on the new-postmortem page. */
    name: text(80),
    /** When to pick it, in a sentence. */
    description: text(300),
    /** Order on the page; the default template comes first. */
    order: z.number().int().min(0).max(100).default(50),
    severity: z.enum(Severity).default('SEV3'),
    rootCause: z.enum(RootCause).default('unknown'),
    trigger: categorySlugSchema.optional(),
    summary: safeString().max(SUMMARY_MAX).default(''),
    impact: safeString().max(SUMMARY_MAX).default(''),
    tags: rows(text(40).regex(/^[a-z0-9][a-z0-9.+-]*$/)),
    symptoms: rows(text(ITEM_TEXT_MAX)),
    timeline: rows(z.object({ kind: z.enum(TimelineKind), text: text(ITEM_TEXT_MAX) }).strict()),
    contributingFactors: rows(
      z
        .object({
          title: text(TITLE_MAX),
          detail: safeString().max(ITEM_TEXT_MAX).default(''),
          category: categorySlugSchema.optional(),
        })
        .strict(),
    ),
    actionItems: rows(z.object({ text: text(ITEM_TEXT_MAX) }).strict()),
  })
  .strict();

export type TemplateFrontmatter = z.output<typeof templateFrontmatterSchema>;

/** A template's name in the URL (?template=vendor-outage): its file name. */
export const templateSlugSchema = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
