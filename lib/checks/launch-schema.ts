// What a launch request may contain, checked by the launchCheck server action.
// The browser checks the host pick with launch-rules.ts (no zod in the page).
import { z } from 'zod';
import { MAX_PARAM_LENGTH, PARAM_NAME } from '@/agent/argv';
import { approvalReason } from '@/lib/approvals/schema';
import { slugSchema } from '@/lib/content/schema';
import { safeString } from '@/lib/validation/text';
import { FANOUT_MAX_HOSTS, HOST_TWICE, NO_HOST, TOO_MANY_HOSTS } from './launch-rules';

export { FANOUT_MAX_HOSTS };

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, 'not an id');

export const launchSchema = z
  .object({
    check: slugSchema,
    hostIds: z
      .array(id)
      .min(1, NO_HOST)
      .max(FANOUT_MAX_HOSTS, TOO_MANY_HOSTS)
      .refine((ids) => new Set(ids).size === ids.length, HOST_TWICE),
    // Values are checked against the catalog's patterns by expandArgv; here only
    // the shape, so nothing oversized reaches that far.
    params: z.record(z.string().regex(PARAM_NAME, 'not a parameter name'), safeString().max(MAX_PARAM_LENGTH * 4)).default({}),
    incidentId: id.optional(),
    runbookId: id.optional(),
    // Why an approval-required action should run; shown to the approver (prepare-launch.ts insists on it then).
    reason: approvalReason.optional(),
  })
  .strict();

export type LaunchInput = z.input<typeof launchSchema>;
