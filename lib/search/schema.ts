// zod schemas and limits for search input: the JSON API rejects bad input with a
// 400, the /search page falls back field by field (a bad `page` keeps a good `q`).
import { z } from 'zod';
import { Severity } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';

/** Longest query accepted; a symptom is a sentence or a pasted log line, not a log dump. */
export const SEARCH_QUERY_MAX = 300;
/** Query words used for the any-word match and typo fixes; each adds a term to the SQL. */
export const SEARCH_TERMS_MAX = 12;
/** Results per API call at most; more is a bulk export, not a search. */
export const SEARCH_LIMIT_MAX = 50;
export const SEARCH_LIMIT_DEFAULT = 10;
/** Results per page on /search. */
export const SEARCH_PAGE_SIZE = 20;
/**
 * Documents ranked per matching stage at most. Ranking is most of a query's cost
 * (ts_rank per candidate); a query matching more than this is too unspecific to
 * page through, and bounding it keeps p95 flat from 10k to 100k incidents.
 */
export const SEARCH_CANDIDATES_MAX = 500;
/** Deepest /search page: the ranked candidates end there. */
export const SEARCH_PAGE_MAX = Math.ceil(SEARCH_CANDIDATES_MAX / SEARCH_PAGE_SIZE);
/** Deepest API offset, for the same reason. */
export const SEARCH_OFFSET_MAX = SEARCH_CANDIDATES_MAX - 1;
/** Service and tag names are short labels (content caps them at 80). */
const NAME_MAX = 100;

export const SEARCH_TYPES = ['incident', 'runbook'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchFilters {
  type?: SearchType;
  service?: string;
  tag?: string;
  severity?: Severity;
  year?: number;
}

export interface SearchInput extends SearchFilters {
  q: string;
  limit: number;
  offset: number;
  /** Search the words as typed, without corrections ("Search instead for ..."). */
  exact?: boolean;
}

// Repeated keys (?tag=a&tag=b) arrive as arrays; search filters on one value.
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const int = (min: number, max: number) =>
  z.preprocess(
    first,
    z
      .string()
      .regex(/^-?\d{1,9}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
  );
// Filter values reach the SQL as they are: a NUL there is a database error, so
// control characters are refused (the API answers 400, the page drops the filter).
const name = z.preprocess(first, safeString().trim().min(1).max(NAME_MAX).optional());
// `exact=1` turns corrections off; `exact=0` (or no parameter) leaves them on.
const exactFlag = z.preprocess(first, z.enum(['0', '1']).optional()).transform((v) => v === '1');

const year = z.preprocess(
  first,
  z
    .string()
    .regex(/^\d{4}$/, 'must be a four-digit year')
    .transform(Number)
    .pipe(z.number().int().min(1970).max(2200))
    .optional(),
);

/** GET /api/search: every field validated, nothing silently dropped. */
export const apiSearchParamsSchema = z
  .object({
    q: z.preprocess(
      first,
      safeString({ error: 'q is required' })
        .trim()
        .min(1, 'q must not be empty')
        .max(SEARCH_QUERY_MAX, `q must be at most ${SEARCH_QUERY_MAX} characters`),
    ),
    limit: int(1, SEARCH_LIMIT_MAX).optional().default(SEARCH_LIMIT_DEFAULT),
    offset: int(0, SEARCH_OFFSET_MAX).optional().default(0),
    type: z.preprocess(first, z.enum(SEARCH_TYPES).optional()),
    service: name,
    tag: name,
    severity: z.preprocess(first, z.enum(Severity).optional()),
    year,
    exact: exactFlag,
  })
  .strict();

export type ApiParseResult =
  { ok: true; input: SearchInput } | { ok: false; error: string; issues: { param: string; message: string }[] };

/** Parses URLSearchParams for the API; unknown parameters are an error, so typos are noticed. */
export function parseApiSearchParams(search: URLSearchParams): ApiParseResult {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    raw[key] = all.length === 1 ? all[0]! : all;
  }
  const parsed = apiSearchParamsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    param: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(query)',
    message: issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message,
  }));
  return { ok: false, error: 'invalid search parameters', issues };
}

export interface SearchPageParams extends SearchFilters {
  q: string;
  page: number;
  /** Set when the query had to be shortened to SEARCH_QUERY_MAX. */
  truncated: boolean;
  /** `exact=1`: the words as typed, no corrections. */
  exact: boolean;
}

const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const pageSchema = z.object({
  // Not safeString: analyzeQuery turns control characters into spaces, so a
  // pasted log line with a stray control character still searches.
  q: z.preprocess(first, z.string().optional()).catch(undefined),
  type: loose(z.preprocess(first, z.enum(SEARCH_TYPES).optional())),
  service: loose(name),
  tag: loose(name),
  severity: loose(z.preprocess(first, z.enum(Severity).optional())),
  year: loose(year),
  page: int(1, SEARCH_PAGE_MAX).catch(1),
  exact: exactFlag.catch(false),
});

/** The /search page's searchParams; never throws, unknown keys are ignored. */
export function parseSearchPageParams(raw: Record<string, string | string[] | undefined> | undefined): SearchPageParams {
  const data = pageSchema.parse(raw ?? {});
  const q = (data.q ?? '').trim();
  const { q: _q, ...rest } = data;
  return { ...rest, q: q.slice(0, SEARCH_QUERY_MAX), truncated: q.length > SEARCH_QUERY_MAX };
}

/** The filters that narrow a search, in the order the page shows them. */
export const SEARCH_FILTER_KEYS = ['type', 'service', 'tag', 'severity', 'year'] as const;
