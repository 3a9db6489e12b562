// What "Mark reviewed" sends.
import { z } from 'zod';

export const markReviewedSchema = z
  .object({
    runbookId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9]+$/i, 'not a runbook id'),
    version: z.coerce.number().int().min(1),
  })
  .strict();
