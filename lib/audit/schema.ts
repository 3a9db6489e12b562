import { z } from 'zod';
import { safeString } from '@/lib/validation/text';

/** Rows per page of the audit trail. */
export const AUDIT_PAGE_SIZE = 50;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

// Bad values fall back to "no filter" rather than an error page.
export const auditFilterSchema = z.object({
  action: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .max(60)
        .regex(/^[a-z_.]+$/)
        .optional(),
    )
    .catch(undefined),
  actor: z.preprocess(blankToUndefined, safeString().max(200).optional()).catch(undefined),
  outcome: z.preprocess(blankToUndefined, z.enum(['success', 'failure', 'denied']).optional()).catch(undefined),
  from: z.preprocess(blankToUndefined, z.iso.date().optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, z.iso.date().optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
