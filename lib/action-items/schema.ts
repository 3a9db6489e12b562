// zod for action items across postmortems: the /action-items URL (and
// GET /api/v1/action-items) and the in-place change of one item's status or owner.
import { z } from 'zod';
import { ActionItemStatus } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';

/** Owners and services are short labels (content caps owners at 120, services at 80). */
const LABEL_MAX = 120;
/** Rows one page shows: a backlog review, not an export; the count above says how many there are in all. */
export const ACTION_ITEMS_LIMIT = 200;

export const ACTION_ITEM_STATUS_LABEL: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};

/** Statuses that still ask for work: only these can be overdue. */
export const PENDING_STATUSES: ActionItemStatus[] = [ActionItemStatus.open, ActionItemStatus.in_progress];

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optionalText = z.preprocess(first, safeString().trim().min(1).max(LABEL_MAX).optional()).catch(undefined);

/** The page's filters; each falls back on its own, so a bad value never costs the others (nor a 500). */
export const actionItemListParamsSchema = z.object({
  owner: optionalText,
  service: optionalText,
  status: z.preprocess(first, z.enum(ActionItemStatus).optional()).catch(undefined),
  overdue: z
    .preprocess(first, z.enum(['1']).optional())
    .catch(undefined)
    .transform((v) => v === '1'),
});

export type ActionItemListParams = z.output<typeof actionItemListParamsSchema>;

export function parseActionItemListParams(raw: Record<string, string | string[] | undefined> | undefined): ActionItemListParams {
  return actionItemListParamsSchema.parse(raw ?? {});
}

/** The API refuses what the page forgives: an unknown or malformed parameter is a 400 that names it. */
export const actionItemApiParamsSchema = z
  .object({
    owner: safeString().trim().min(1).max(LABEL_MAX).optional(),
    service: safeString().trim().min(1).max(LABEL_MAX).optional(),
    status: z.enum(ActionItemStatus).optional(),
    overdue: z
      .enum(['0', '1'])
      .optional()
      .transform((v) => v === '1'),
  })
  .strict();

/** One item is named by its incident, its position there, and the incident version the page showed. */
export const actionItemUpdateSchema = z
  .object({
    slug: safeString().min(1).max(120),
    position: z.coerce.number().int().min(0).max(10_000),
    version: z.coerce.number().int().min(1),
    status: z.enum(ActionItemStatus).optional(),
    // An empty owner field clears the owner.
    owner: z
      .preprocess((v) => (v === null ? undefined : v), safeString().trim().max(LABEL_MAX).optional())
      .transform((v) => (v === undefined ? undefined : v || null)),
  })
  .refine((v) => v.status !== undefined || v.owner !== undefined, { message: 'Nothing to change.' });

export type ActionItemUpdate = z.output<typeof actionItemUpdateSchema>;
