// What an approval decision may contain (server actions and the JSON API).
import { z } from 'zod';
import { safeString } from '@/lib/validation/text';

/** A reason is a sentence or two for the audit trail, not an essay. */
export const APPROVAL_REASON_MAX = 500;

export const approvalReason = safeString().trim().max(APPROVAL_REASON_MAX);

export const approvalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/i, 'not an approval id');

export const decisionSchema = z
  .object({
    id: approvalId,
    reason: approvalReason.optional().transform((r) => r || undefined),
  })
  .strict();

export type DecisionInput = z.input<typeof decisionSchema>;
