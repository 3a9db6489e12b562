// What a launch request may contain, checked by the launchCheck server action.
// The browser checks the host pick with launch-rules.ts (no zod in the page).
import { z } from 'zod';
import { MAX_PARAM_LENGTH, PARAM_NAME } from '@/agent/argv';
import { slugSchema } from '@/lib/content/schema';
import { LABELS_TEXT_MAX, parseLabels, type HostLabels } from '@/lib/hosts/labels';
import { safeString } from '@/lib/validation/text';
import { FANOUT_MAX_HOSTS, HOST_TWICE, NO_HOST, TOO_MANY_HOSTS } from './launch-rules';

export { FANOUT_MAX_HOSTS };

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, 'not an id');

/**
 * Hosts by labels instead of ids: `site=par1,tier=edge` picks every enabled host
 * carrying all of them (decision 033); prepare-launch.ts resolves it.
 */
const hostLabelsSchema = safeString()
  .max(LABELS_TEXT_MAX)
  .transform((text, ctx): HostLabels => {
    const parsed = parseLabels(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    else if (Object.keys(parsed.labels).length === 0)
      ctx.addIssue({ code: 'custom', message: 'Give at least one label, e.g. site=par1.' });
    else return parsed.labels;
    return z.NEVER;
  });

export const launchSchema = z
  .object({
    check: slugSchema,
    hostIds: z
      .array(id)
      .max(FANOUT_MAX_HOSTS, TOO_MANY_HOSTS)
      .refine((ids) => new Set(ids).size === ids.length, HOST_TWICE)
      .optional(),
    hostLabels: hostLabelsSchema.optional(),
    // Values are checked against the catalog's patterns by expandArgv; here only
    // the shape, so nothing oversized reaches that far.
    params: z.record(z.string().regex(PARAM_NAME, 'not a parameter name'), safeString().max(MAX_PARAM_LENGTH * 4)).default({}),
    incidentId: id.optional(),
    runbookId: id.optional(),
  })
  .strict()
  // Hosts by id or by labels: exactly one way.
  .superRefine((launch, ctx) => {
    if (launch.hostLabels && launch.hostIds?.length)
      ctx.addIssue({ code: 'custom', path: ['hostLabels'], message: 'Pick hosts or give labels, not both.' });
    else if (!launch.hostLabels && !launch.hostIds?.length) ctx.addIssue({ code: 'custom', path: ['hostIds'], message: NO_HOST });
  });

export type LaunchInput = z.input<typeof launchSchema>;
