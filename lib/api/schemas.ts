// zod schemas shared by several API operations: the error body, path ids and
// list limits. The operations' own shapes live beside them in ./ops/.
import { z } from 'zod';

/** Every error answer (lib/api/errors.ts). */
export const errorSchema = z.object({
  error: z.string().meta({ description: 'One sentence for a person.' }),
  issues: z
    .array(z.object({ path: z.string().meta({ description: 'Dotted, e.g. body.timeline.0.text' }), message: z.string() }))
    .optional(),
});

/** Query text as URLs carry it: a single value, control characters refused by the caller's schema. */
export const limitSchema = (max: number, fallback: number) =>
  z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(max, `limit must be at most ${max}`)
    .default(fallback);
