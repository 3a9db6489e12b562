// What the evidence buttons send (./evidence.ts): a run or a launch, and for an
// attach the incident version the page showed. Plain form fields.
import { z } from 'zod';
import { slugSchema } from '@/lib/content/schema';
import { batchIdSchema } from './batch-id';

const runId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, 'not an id');

/** A run (runId) or a whole launch (batchId): exactly one. */
export const runTargetSchema = z.union([z.object({ runId }).strict(), z.object({ batchId: batchIdSchema }).strict()]);

export const attachSchema = z.union([
  z.object({ runId, version: z.coerce.number().int().min(1).max(2_147_483_647) }).strict(),
  z.object({ batchId: batchIdSchema, version: z.coerce.number().int().min(1).max(2_147_483_647) }).strict(),
]);

export const recheckSchema = z.object({ slug: slugSchema }).strict();
