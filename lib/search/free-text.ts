// Turns free text that nobody wrote as a search (an alert's name, summary and
// labels, a pasted log line) into a query for the search engine. Typed searches
// keep their syntax (quotes are phrases, a leading dash excludes); pasted text
// must not: `job="node-exporter"` is not a phrase and `--all` excludes nothing.
// The engine matches documents that contain every word first and then any word
// (decision 005), so a long alert that no incident matches word for word still
// finds the ones that share its distinctive words.
import { normalizeQuery } from './query-text';
import { SEARCH_QUERY_MAX, SEARCH_TERMS_MAX } from './schema';

/** Longest free text accepted: an alert with its labels and annotations, not a log dump. */
export const FREE_TEXT_MAX = 4_000;
/** Longer tokens are hashes, URLs or base64, which no postmortem repeats. */
const WORD_MAX = 64;

// Words that say nothing about what happened: English glue (the index drops it
// anyway, but each would take one of the SEARCH_TERMS_MAX places) and the
// vocabulary of alert payloads themselves.
const NOISE = new Set(
  [
    'a an and are as at be been but by for from has have in into is it its of on or that the this to was were will with',
    'alert alertname alerts annotations description firing instance job labels resolved severity status summary value',
    'critical warning info page runbook_url generatorurl fingerprint startsat endsat',
  ]
    .join(' ')
    .split(' '),
);

// Separators in label syntax (`{alertname="X", instance="10.0.0.1:9100"}`) and
// quotes, which would otherwise open phrases.
const SEPARATORS = /[{}[\]()"'`=,;<>|]+/g;
// A word must hold a letter or a digit to be searchable at all.
const WORDISH = /[\p{L}\p{N}]/u;
// AlertNames are CamelCase; the incidents say "gateway" and "ARP", not "GatewayArpFailed".
const CAMEL_BOUNDARY = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;

function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of normalizeQuery(text).replace(SEPARATORS, ' ').split(' ')) {
    // `instance=10.0.0.1:9100` and `summary:` leave a port or a colon behind; dashes
    // in front would read as exclusions, trailing dots and colons end sentences.
    const token = raw.replace(/^[-:.]+|[:.]+$/g, '');
    if (!WORDISH.test(token)) continue;
    const parts = /^[A-Za-z]+$/.test(token) ? token.split(CAMEL_BOUNDARY) : [token];
    out.push(...parts);
  }
  return out;
}

/**
 * The distinctive words of `text`, in the order they appear, without repeats
 * (case-insensitive), at most SEARCH_TERMS_MAX of them and within
 * SEARCH_QUERY_MAX characters. Empty when nothing searchable is left.
 */
export function freeTextQuery(text: string): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  let length = 0;
  for (const word of words(text.slice(0, FREE_TEXT_MAX))) {
    const key = word.toLowerCase();
    if (NOISE.has(key) || seen.has(key) || word.length > WORD_MAX) continue;
    if (length + word.length + (kept.length ? 1 : 0) > SEARCH_QUERY_MAX) continue;
    seen.add(key);
    kept.push(word);
    length += word.length + (kept.length > 1 ? 1 : 0);
    if (kept.length === SEARCH_TERMS_MAX) break;
  }
  return kept.join(' ');
}
