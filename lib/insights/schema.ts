// zod for the /insights filters (URL) and GET /api/v1/insights.
import { z } from 'zod';
import { Severity } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';

/** Service names are short labels (content caps them at 80). */
const NAME_MAX = 100;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const year = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number)
  .pipe(z.number().int().min(1970).max(2200));

/** The page forgives: each bad value falls back to "no filter" on its own. */
export const insightsParamsSchema = z.object({
  year: z.preprocess(first, year.optional()).catch(undefined),
  service: z.preprocess(first, safeString().trim().min(1).max(NAME_MAX).optional()).catch(undefined),
  severity: z.preprocess(first, z.enum(Severity).optional()).catch(undefined),
});

export type InsightsParams = z.output<typeof insightsParamsSchema>;

export const parseInsightsParams = (raw: Record<string, string | string[] | undefined> | undefined): InsightsParams =>
  insightsParamsSchema.parse(raw ?? {});

/** The API refuses what the page forgives, naming the parameter. */
export const insightsApiParamsSchema = z
  .object({
    year: year.optional(),
    service: safeString().trim().min(1).max(NAME_MAX).optional(),
    severity: z.enum(Severity).optional(),
  })
  .strict();
