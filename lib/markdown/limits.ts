// What markdown we agree to render, decided by one cheap linear pass BEFORE the
// parser sees the text. micromark/mdast/hast work grows faster than the input
// for deep nesting (50,000 `>` overflows the stack after seconds) and is slow
// per construct (15,000 `*a` pairs, 25,000 links or 30,000 headings each take
// 5-12 s on this 2-core machine), so size alone is not a bound. Measured shapes
// and timings: docs/decisions/013-bounded-markdown-rendered-on-write.md.
//
// The scan over-counts on purpose (indented code is counted, every two columns
// of indentation before a marker count as a level): a refusal names what to
// shorten, and no real postmortem or runbook comes near these numbers.

/** Longest markdown we render; the same bound content and the form put on long-form fields (BODY_MAX). */
export const MARKDOWN_MAX_CHARS = 200_000;
/** Block quotes inside block quotes; real writing rarely goes past 3. */
export const MAX_QUOTE_DEPTH = 32;
/** Lists and quotes inside each other (two columns of indentation before a marker count as a level). */
export const MAX_NESTING_DEPTH = 32;
/** Runs of `*`, `_`, `~` or `` ` ``: each opens or closes emphasis, strikethrough or code, and matching them is the slow part. */
export const MAX_DELIMITER_RUNS = 5_000;
/** `[` (links, images, footnote references and task boxes all start with one) and bare URLs, which become links too. */
export const MAX_BRACKETS = 5_000;
/** `[` inside `[` in one paragraph; link text never needs more than a couple. */
export const MAX_BRACKET_DEPTH = 32;
/** `[^`: each footnote reference adds a back-link to its note, so a thousand references to one note is a megabyte of HTML. */
export const MAX_FOOTNOTE_REFERENCES = 500;
/** ATX headings (`#`): each gets a slug, an anchor and a table-of-contents entry. */
export const MAX_HEADINGS = 1_000;
/** List items (every list marker at the start of a line). */
export const MAX_LIST_ITEMS = 2_000;
/** `|` characters: table cells are cheap one by one but not by the ten thousand. */
export const MAX_TABLE_PIPES = 10_000;
/** All of the above together, so a text cannot sit just under every limit at once. */
export const MAX_MARKUP = 10_000;
/** Elements and text nodes after parsing: bounds the sanitize/highlight/stringify work and the stored HTML. */
export const MAX_HTML_NODES = 60_000;

export type Renderable = { ok: true } | { ok: false; message: string };

const n = (v: number) => v.toLocaleString('en-GB');
const refuse = (message: string): Renderable => ({ ok: false, message });

/** Columns of leading indentation (a tab advances to the next multiple of 4), and where it ends. */
function indentOf(line: string, from: number, col: number): { pos: number; col: number } {
  let pos = from;
  while (pos < line.length) {
    const c = line.charCodeAt(pos);
    if (c === 0x20) col += 1;
    else if (c === 0x09) col += 4 - (col % 4);
    else break;
    pos++;
  }
  return { pos, col };
}

/** Length of a list marker at `pos` (`-`, `+`, `*`, `1.`, `1)` followed by a space, tab or the line end), or 0. */
function listMarkerAt(line: string, pos: number): number {
  const c = line[pos];
  let end = pos;
  if (c === '-' || c === '+' || c === '*') end = pos + 1;
  else {
    while (end < line.length && end - pos < 9 && line[end]! >= '0' && line[end]! <= '9') end++;
    if (end === pos || (line[end] !== '.' && line[end] !== ')')) return 0;
    end++;
  }
  const next = line[end];
  return next === undefined || next === ' ' || next === '\t' ? end - pos : 0;
}

const FENCE = /^(`{3,}|~{3,})/;
const ESCAPABLE = /[!-/:-@[-`{-~]/;

/**
 * Whether `markdown` is small and flat enough to render, decided in one linear
 * pass without parsing. `what` starts the sentence of the refusal ("The narrative").
 */
export function checkRenderable(markdown: string, what = 'The text'): Renderable {
  if (markdown.length > MARKDOWN_MAX_CHARS) {
    return refuse(`${what} has ${n(markdown.length)} characters; at most ${n(MARKDOWN_MAX_CHARS)} can be shown.`);
  }
  let maxQuote = 0;
  let maxNesting = 0;
  let delimiters = 0;
  let brackets = 0;
  let maxBracketDepth = 0;
  let headings = 0;
  let listItems = 0;
  let pipes = 0;
  let footnotes = 0;
  let fence: string | null = null;
  let bracketDepth = 0;

  for (const line of markdown.split('\n')) {
    // Container prefix: block quote markers and list markers, with indentation between them.
    const lead = indentOf(line, 0, 0);
    let { pos } = lead;
    let quotes = 0;
    let markers = 0;
    for (;;) {
      pos = indentOf(line, pos, 0).pos;
      if (line[pos] === '>') {
        quotes++;
        pos++;
        continue;
      }
      const marker = listMarkerAt(line, pos);
      if (!marker) break;
      markers++;
      pos += marker;
    }
    const rest = line.slice(pos);

    // Inside a fenced code block nothing is markup until the closing fence.
    const fenceMatch = FENCE.exec(rest);
    if (fence) {
      if (
        fenceMatch &&
        fenceMatch[1]![0] === fence[0] &&
        fenceMatch[1]!.length >= fence.length &&
        !rest.slice(fenceMatch[1]!.length).trim()
      )
        fence = null;
      continue;
    }
    if (fenceMatch) fence = fenceMatch[1]!;

    maxQuote = Math.max(maxQuote, quotes);
    if (quotes + markers > 0) maxNesting = Math.max(maxNesting, Math.floor(lead.col / 2) + quotes + markers);
    listItems += markers;
    if (!rest.trim()) bracketDepth = 0; // a blank line ends the paragraph, and any link in it
    if (/^#{1,6}(?:[ \t]|$)/.test(rest)) headings++;
    if (fence) continue; // the opening fence's info string is not markup

    let prev = '';
    let inDestination = false;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i]!;
      if (c === '\\' && i + 1 < rest.length && ESCAPABLE.test(rest[i + 1]!)) {
        i++;
        prev = '';
        continue;
      }
      if (c === '*' || c === '_' || c === '~' || c === '`') {
        if (c !== prev) delimiters++;
      } else if (c === '[') {
        brackets++;
        if (rest[i + 1] === '^') footnotes++;
        bracketDepth++;
        maxBracketDepth = Math.max(maxBracketDepth, bracketDepth);
      } else if (c === ']') {
        bracketDepth = Math.max(0, bracketDepth - 1);
      } else if (c === '|') {
        pipes++;
      } else if (!inDestination && ((c === 'w' && rest.startsWith('www.', i)) || (c === ':' && rest.startsWith('://', i)))) {
        brackets++; // a bare URL becomes a link too (GFM autolink literal)
      }
      // The URL of `[text](url)` is part of a link already counted by its `[`.
      if (c === '(' && prev === ']') inDestination = true;
      else if (c === ')' || c === ' ') inDestination = false;
      prev = c;
    }
  }

  if (maxQuote > MAX_QUOTE_DEPTH)
    return refuse(`${what} nests block quotes ${n(maxQuote)} deep; at most ${MAX_QUOTE_DEPTH} are allowed.`);
  if (maxNesting > MAX_NESTING_DEPTH) {
    return refuse(
      `${what} nests lists and quotes ${n(maxNesting)} levels deep (two spaces of indentation count as a level); at most ${MAX_NESTING_DEPTH} are allowed.`,
    );
  }
  if (maxBracketDepth > MAX_BRACKET_DEPTH)
    return refuse(`${what} nests brackets ([) ${n(maxBracketDepth)} deep; at most ${MAX_BRACKET_DEPTH} are allowed.`);
  if (delimiters > MAX_DELIMITER_RUNS) {
    return refuse(
      `${what} has ${n(delimiters)} emphasis or code marks (*, _, ~, \`); at most ${n(MAX_DELIMITER_RUNS)} are allowed.`,
    );
  }
  if (brackets > MAX_BRACKETS)
    return refuse(`${what} has ${n(brackets)} links, images, bare URLs or brackets ([); at most ${n(MAX_BRACKETS)} are allowed.`);
  if (footnotes > MAX_FOOTNOTE_REFERENCES) {
    return refuse(`${what} has ${n(footnotes)} footnote references ([^); at most ${n(MAX_FOOTNOTE_REFERENCES)} are allowed.`);
  }
  if (headings > MAX_HEADINGS) return refuse(`${what} has ${n(headings)} headings; at most ${n(MAX_HEADINGS)} are allowed.`);
  if (listItems > MAX_LIST_ITEMS)
    return refuse(`${what} has ${n(listItems)} list items; at most ${n(MAX_LIST_ITEMS)} are allowed.`);
  if (pipes > MAX_TABLE_PIPES)
    return refuse(`${what} has ${n(pipes)} table cell borders (|); at most ${n(MAX_TABLE_PIPES)} are allowed.`);
  const markup = delimiters + brackets + headings + listItems + pipes;
  if (markup > MAX_MARKUP)
    return refuse(
      `${what} has ${n(markup)} pieces of markup in all; at most ${n(MAX_MARKUP)} are allowed. Split it up or move logs into code blocks.`,
    );
  return { ok: true };
}
