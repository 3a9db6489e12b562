import { z } from 'zod';

/** Launch ids are UUIDs (the bridge makes them with randomUUID): anything else is a 404 before any query. */
export const batchIdSchema = z.uuid();
export const isBatchId = (value: string) => batchIdSchema.safeParse(value).success;
