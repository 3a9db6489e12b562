import type { Correction as SearchCorrection } from './correction';
import type { SearchType } from './schema';
import type { Expansion } from './synonyms';

/** Text with highlighted parts, safe to render: `mark` parts are the matched words. */
export type Highlighted = { text: string; mark: boolean }[];

export interface SearchHit {
  type: SearchType;
  slug: string;
  title: string;
  url: string;
  score: number;
  /** Incidents: when it started; runbooks: when last reviewed or updated. */
  at: Date | null;
  severity: string | null;
  /** Matches every (positive) query word; false for a partial match shown below the divider. */
  matchesAll: boolean;
  snippet: Highlighted;
  /** The incident symptom that matched the query best, if any did. */
  matchedSymptom: Highlighted | null;
}

export type { Correction as SearchCorrection } from './correction';

export interface SearchOutcome {
  total: number;
  tookMs: number;
  hits: SearchHit[];
  /** Typed words no document contains, replaced by a close indexed word (decision 005). */
  corrections: SearchCorrection[];
  /** Typed words no document contains and with no close correction: "No document mentions ...". */
  unmatched: string[];
  /** Typed words searched together with their synonyms: "Also searched: kubernetes" (decision 023). */
  expansions: Expansion[];
  /** False when the query had no searchable words (only operators, punctuation). */
  searchable: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  type: FacetCount[];
  service: FacetCount[];
  tag: FacetCount[];
  severity: FacetCount[];
  year: FacetCount[];
}

/** The JSON API's result shape (issue 4). */
export interface ApiSearchResponse {
  query: string;
  total: number;
  tookMs: number;
  /** Typed words searched as a close indexed word instead; empty with `exact=1`. */
  corrections: SearchCorrection[];
  /** Typed words no document contains (and not corrected). */
  unmatched: string[];
  /** Synonyms searched beside the typed words, counted less (decision 023). */
  alsoSearched: string[];
  results: {
    type: SearchType;
    slug: string;
    title: string;
    url: string;
    score: number;
    /** Matches every query word; the partial matches (false) come after all of these. */
    matchesAll: boolean;
    snippet: string;
  }[];
}
