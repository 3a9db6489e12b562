// What a launch request may contain. The same schema validates in the browser
// (CheckBlock) and in the launchCheck server action.
import { z } from 'zod';
import { MAX_PARAM_LENGTH, PARAM_NAME } from '@/agent/argv';
import { slugSchema } from '@/lib/content/schema';
import { safeString } from '@/lib/validation/text';

/** Hosts one launch may fan out to: a tier of directors, not a fleet. */
export const FANOUT_MAX_HOSTS = 32;

const id = z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, 'not an id');

export const launchSchema = z
  .object({
    check: slugSchema,
    hostIds: z
      .array(id)
      .min(1, 'Pick at least one host.')
      .max(FANOUT_MAX_HOSTS, `At most ${FANOUT_MAX_HOSTS} hosts per launch.`)
      .refine((ids) => new Set(ids).size === ids.length, 'A host is listed twice.'),
    // Values are checked against the catalog's patterns by expandArgv; here only
    // the shape, so nothing oversized reaches that far.
    params: z
      .record(z.string().regex(PARAM_NAME, 'not a parameter name'), safeString().max(MAX_PARAM_LENGTH * 4))
      .default({}),
    incidentId: id.optional(),
    runbookId: id.optional(),
  })
  .strict();

export type LaunchInput = z.input<typeof launchSchema>;
