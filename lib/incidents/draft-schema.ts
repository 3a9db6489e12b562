import { z } from 'zod';
import { Severity } from '@/lib/generated/prisma/enums';

/** The few fields that open a postmortem; the full form fills in the rest. */
export const createDraftSchema = z.object({
  title: z.string().trim().min(3, 'At least 3 characters.').max(200),
  severity: z.enum(Severity),
  summary: z.string().trim().max(2_000).default(''),
});

/** A URL slug from a title plus a short random suffix, so two drafts never collide. */
export function draftSlug(title: string, suffix: string): string {
  const base = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${base || 'incident'}-${suffix}`;
}
