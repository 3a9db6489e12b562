// Splits what an operator typed into the parts the SQL needs. Postgres'
// websearch_to_tsquery fails on almost no input (runs of dashes are the
// exception, handled below), so this only has to be safe, not clever: it
// removes control characters, drops a quote left unbalanced, and separates the
// words to match (any of them) from the ones excluded with `-`.
import { SEARCH_TERMS_MAX } from './schema';

export interface AnalyzedQuery {
  /** For websearch_to_tsquery: every word (quotes, `or`, `-word` kept). */
  strict: string;
  /** The positive words and phrase words, space-separated: any of them may match. */
  positive: string;
  /** The quoted phrases, still quoted: they must match as phrases even when other words may not. */
  phrases: string;
  /** Words excluded with a leading `-`, space-separated. */
  negative: string;
  /** False when nothing searchable is left (only operators, punctuation or spaces). */
  searchable: boolean;
}

// Characters with no meaning in a search: C0/C1 controls, zero-width and bidi marks.
const JUNK = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const WORDISH = /[\p{L}\p{N}]/u;

export function normalizeQuery(raw: string): string {
  return raw.normalize('NFKC').replace(JUNK, ' ').replace(/\s+/g, ' ').trim();
}

// Command-line flags (`-l`, `-n`, `--all`) look like websearch exclusions; in a
// pasted command they are words to find, so their dashes go.
const FLAG = /(^|\s)(?:-(?=[A-Za-z0-9](?:\s|$))|--(?=[A-Za-z0-9]))/g;

// websearch_to_tsquery reads every dash before a word as one more NOT, even
// across spaces, and nests them: about 32 dashes overflow its stack ("tsquery
// stack too small", a 500). A run of dashes means one dash; a dash not directly
// before a word or a quote excludes nothing and becomes a space.
const DASH_RUN = /-{2,}/g;
const DANGLING_DASH = /-(?![\p{L}\p{N}"])/gu;

export function analyzeQuery(raw: string): AnalyzedQuery {
  let text = normalizeQuery(raw).replace(FLAG, '$1');
  // An odd number of double quotes: the last one opens a phrase that never closes.
  if ((text.match(/"/g) ?? []).length % 2 === 1) {
    const last = text.lastIndexOf('"');
    text = text.slice(0, last) + ' ' + text.slice(last + 1);
  }
  text = text.replace(DASH_RUN, '-').replace(DANGLING_DASH, ' ');
  const positive: string[] = [];
  const negative: string[] = [];
  const phrases: string[] = [];
  // Tokens: "a phrase", -word, or a run of non-space characters.
  for (const match of text.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    const [, minus, phrase, word] = match;
    if (phrase !== undefined) {
      if (minus) negative.push(phrase);
      else {
        positive.push(phrase);
        if (WORDISH.test(phrase)) phrases.push(`"${phrase}"`);
      }
      continue;
    }
    const token = word!;
    if (/^or$/i.test(token)) continue;
    if (token.startsWith('-') && WORDISH.test(token)) negative.push(token.slice(1));
    else positive.push(token);
  }
  const words = positive
    .join(' ')
    .split(' ')
    .filter((w) => WORDISH.test(w))
    .slice(0, SEARCH_TERMS_MAX);
  return {
    strict: text,
    positive: words.join(' '),
    phrases: phrases.join(' '),
    negative: negative.filter((w) => WORDISH.test(w)).join(' '),
    searchable: words.length > 0,
  };
}
