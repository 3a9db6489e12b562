import { z } from 'zod';

/** ?page= of a run history: a bad value shows page 1 rather than an error. */
export function pageParam(value: string | string[] | undefined): number {
  const parsed = z.coerce.number().int().min(1).max(10_000).safeParse(value);
  return parsed.success ? parsed.data : 1;
}

/** Ids in URLs are cuids; anything else is a 404 before any query. */
export const isId = (value: string) => /^[a-z0-9]{1,64}$/i.test(value);
