// Cuts a search snippet out of a whole highlighted text (ts_headline with
// HighlightAll over the plain text: lib/search/sql.ts). ts_headline's own
// fragments start and end wherever its word budget runs out, mid-sentence and
// sometimes inside a hyphenated or dotted token; here the cut falls on sentence
// boundaries when they are close, else on spaces, never inside a word.
import type { Highlighted } from './types';

/** Words shown per snippet: about two lines of the results list. */
export const SNIPPET_WORDS_MAX = 36;
/** A sentence longer than this is cut around its first match rather than shown whole. */
const SENTENCE_WORDS_MAX = 28;
/** Words of context kept before the first match when a long sentence is cut. */
const LEAD_WORDS = 6;

type Piece = { text: string; mark: boolean };
/** A run of non-space characters, possibly with highlighted parts ("FIN_" + mark "WAIT2"). */
type Word = Piece[];
type Sentence = Word[];

const ENDS_SENTENCE = /[.!?]["')\]]*$/;
// Marks where one source line ends (a symptom, a heading, a command line): the plain text keeps one block per line.
const LINE_BREAK = /\n/;

const wordText = (w: Word) => w.map((p) => p.text).join('');
const isMarked = (w: Word) => w.some((p) => p.mark);

/** Splits highlighted text into sentences of words; a line break or a full stop ends a sentence. */
export function toSentences(parts: Highlighted): Sentence[] {
  const sentences: Sentence[] = [];
  let sentence: Sentence = [];
  let word: Word = [];
  const endWord = (lineEnds: boolean) => {
    if (word.length) {
      sentence.push(word);
      const ends = lineEnds || ENDS_SENTENCE.test(wordText(word));
      word = [];
      if (ends) endSentence();
    } else if (lineEnds) endSentence();
  };
  const endSentence = () => {
    if (sentence.length) sentences.push(sentence);
    sentence = [];
  };
  for (const part of parts) {
    // Split on whitespace, keeping it, so each space ends the current word.
    for (const chunk of part.text.split(/(\s+)/)) {
      if (!chunk) continue;
      if (/^\s+$/.test(chunk)) endWord(LINE_BREAK.test(chunk));
      else word.push({ text: chunk, mark: part.mark });
    }
  }
  endWord(true);
  return sentences;
}

/** Distinct highlighted words in a sentence (lower case): how much of the query it shows. */
function marksOf(s: Sentence): Set<string> {
  const found = new Set<string>();
  for (const w of s) for (const p of w) if (p.mark) found.add(p.text.toLowerCase());
  return found;
}

/** A long sentence cut to `max` words around its first match, with an ellipsis where it was cut. */
function clip(s: Sentence, max: number): { words: Word[]; cutStart: boolean; cutEnd: boolean } {
  if (s.length <= max) return { words: s, cutStart: false, cutEnd: false };
  const first = Math.max(0, s.findIndex(isMarked));
  const start = Math.max(0, Math.min(first - LEAD_WORDS, s.length - max));
  return { words: s.slice(start, start + max), cutStart: start > 0, cutEnd: start + max < s.length };
}

/** Joins words back into highlighted parts, merging neighbours of the same kind. */
function render(fragments: { words: Word[]; cutStart: boolean; cutEnd: boolean }[][]): Highlighted {
  const out: Highlighted = [];
  const push = (text: string, mark: boolean) => {
    const last = out.at(-1);
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  };
  fragments.forEach((fragment, f) => {
    if (f > 0) push(' … ', false);
    fragment.forEach((piece, i) => {
      const prev = fragment[i - 1];
      if (i > 0) {
        // Consecutive lines without their own full stop (two symptoms) are set apart.
        const prevEnds = prev && ENDS_SENTENCE.test(wordText(prev.words.at(-1) ?? []));
        push(prevEnds ? ' ' : ' · ', false);
      }
      if (piece.cutStart) push('… ', false);
      piece.words.forEach((w, k) => {
        if (k > 0) push(' ', false);
        for (const p of w) push(p.text, p.mark);
      });
      if (piece.cutEnd) push(' …', false);
    });
  });
  return out.filter((p) => p.text);
}

/**
 * The snippet: the sentence showing the most distinct matched words (the
 * earliest on a tie), followed by the next sentences while they fit whole, and
 * then, when another sentence shows matched words not shown yet, that one too
 * (in document order, after an ellipsis). With no match at all (a title-only
 * hit), the opening sentences.
 */
export function makeSnippet(parts: Highlighted, maxWords = SNIPPET_WORDS_MAX): Highlighted {
  const sentences = toSentences(parts);
  if (sentences.length === 0) return [];
  const marks = sentences.map(marksOf);
  let best = 0;
  marks.forEach((m, i) => {
    if (m.size > marks[best]!.size) best = i;
  });

  let budget = maxWords;
  const first = clip(sentences[best]!, Math.min(SENTENCE_WORDS_MAX, budget));
  budget -= first.words.length;

  // Another sentence with matched words the best one does not show, if a useful part of it fits.
  const other = marks.findIndex((m, i) => i !== best && [...m].some((w) => !marks[best]!.has(w)));
  const second = other !== -1 && budget >= LEAD_WORDS * 2 ? clip(sentences[other]!, Math.min(SENTENCE_WORDS_MAX, budget)) : null;
  if (second) budget -= second.words.length;

  // Then the sentences right after the best one, while they fit whole: context, not a jump.
  const main = [first];
  let last = best;
  while (!first.cutEnd && last + 1 < sentences.length && last + 1 !== other && sentences[last + 1]!.length <= budget) {
    last++;
    main.push({ words: sentences[last]!, cutStart: false, cutEnd: false });
    budget -= sentences[last]!.length;
  }

  if (!second) return render([main]);
  // Right after what is shown: one run, no ellipsis between.
  if (other === last + 1 && !main.at(-1)!.cutEnd && !second.cutStart) return render([[...main, second]]);
  return render(other < best ? [[second], main] : [main, [second]]);
}
