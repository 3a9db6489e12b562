// zod schemas for the /incidents list URL. Every field falls back on its own:
// a bad `page` must not throw away a good `service`, and no URL can cause a 500.
import { z } from 'zod';
import { categorySlugSchema } from '@/lib/content/schema';
import { Severity } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';

/** Rows per page: a screenful of incidents without scrolling past the filters forever. */
export const PAGE_SIZE = 20;
/** Deepest page we accept; beyond this someone is crawling, not reading. */
export const MAX_PAGE = 10_000;
/** Longest free-text query; a symptom is a sentence, not a log dump. */
export const QUERY_MAX = 200;
/** Words of a query that are matched; each one adds a clause to the SQL. */
export const MAX_SEARCH_WORDS = 8;
/** Service and tag names are short labels (content caps them at 80). */
const NAME_MAX = 100;

export const SORT_KEYS = ['started', 'severity', 'duration', 'title'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** The direction a column sorts in when first chosen: newest, worst, longest first; titles A–Z. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = {
  started: 'desc',
  severity: 'desc',
  duration: 'desc',
  title: 'asc',
};
export const DEFAULT_SORT: SortKey = 'started';

// Repeated keys (?tag=a&tag=b) arrive as arrays; the list filters on one value.
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

// A value with a control character (a NUL would fail the query) counts as no filter.
const optionalText = (max: number) => z.preprocess(first, safeString().trim().min(1).max(max).optional()).catch(undefined);

export const incidentListParamsSchema = z.object({
  q: optionalText(QUERY_MAX),
  service: optionalText(NAME_MAX),
  tag: optionalText(NAME_MAX),
  /** A factor category's slug: incidents it triggered or with a factor in it. */
  category: z.preprocess(first, categorySlugSchema.optional()).catch(undefined),
  severity: z.preprocess(first, z.enum(Severity).optional()).catch(undefined),
  year: z
    .preprocess(
      first,
      z
        .string()
        .regex(/^\d{4}$/)
        .transform(Number)
        .pipe(z.number().int().min(1970).max(2200))
        .optional(),
    )
    .catch(undefined),
  sort: z.preprocess(first, z.enum(SORT_KEYS)).catch(DEFAULT_SORT),
  dir: z.preprocess(first, z.enum(SORT_DIRS).optional()).catch(undefined),
  page: z.preprocess(first, z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(MAX_PAGE))).catch(1),
});

export type IncidentListParams = {
  q?: string;
  service?: string;
  tag?: string;
  category?: string;
  severity?: Severity;
  year?: number;
  sort: SortKey;
  dir: SortDir;
  page: number;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Parses the page's searchParams; never throws, unknown keys are ignored. */
export function parseIncidentListParams(raw: RawSearchParams | undefined): IncidentListParams {
  const parsed = incidentListParamsSchema.safeParse(raw ?? {});
  const data = parsed.success ? parsed.data : incidentListParamsSchema.parse({});
  const { dir, ...rest } = data;
  return { ...rest, dir: dir ?? DEFAULT_DIR[data.sort] };
}

/** The filters that narrow the list (as opposed to sorting and paging). */
export const FILTER_KEYS = ['q', 'service', 'tag', 'category', 'severity', 'year'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function hasActiveFilters(params: IncidentListParams): boolean {
  return FILTER_KEYS.some((key) => params[key] !== undefined);
}

/** The distinct words of a free-text query, lower-cased, at most MAX_SEARCH_WORDS. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
}

// ---- Authoring ----

/** Previews render the narrative, which content caps at BODY_MAX. */
export { BODY_MAX as PREVIEW_MAX } from '@/lib/content/schema';

/** Which stored version a save replaces: absent for a new incident. */
export const saveIdsSchema = z.object({
  incidentId: safeString()
    .max(64)
    .transform((v) => v || undefined),
  version: z
    .string()
    .regex(/^\d*$/)
    .transform((v) => (v ? Number(v) : undefined)),
});

export const restoreSchema = z.object({
  revisionId: safeString().min(1).max(64),
  version: z.coerce.number().int().min(1),
});
