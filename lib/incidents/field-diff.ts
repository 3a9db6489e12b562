// The history page's diff: two revisions compared field by field (title,
// summary, each symptom, each timeline entry, ...) with word-level highlights,
// rather than as lines of YAML. Sets (services, tags, runbooks) are compared as
// sets, so re-sorting them is no change. No server-only imports.
import { diffArrays, diffWordsWithSpace } from 'diff';
import type { IncidentDocument } from '@/lib/content/schema';
import { toLocalInput } from '@/lib/format/zoned';
import { snapshotToDocument } from './revisions';

/**
 * Beyond this many edits a word diff of one entry stops and shows the old and the
 * new text whole: two unrelated paragraphs are read better side by side, and
 * the diff's cost stays bounded on a page anyone may open.
 */
const WORD_DIFF_MAX_EDITS = 400;

export type WordPart = { kind: 'added' | 'removed' | 'same'; text: string };
export type FieldChange = {
  /** "Title", "Timeline entry 3", "Tags". */
  label: string;
  change: 'added' | 'removed' | 'changed';
  parts: WordPart[];
};

type Field =
  | { kind: 'value'; label: string; text: string }
  | { kind: 'list'; label: (n: number) => string; items: string[] }
  | { kind: 'set'; label: string; items: string[] };

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

const joined = (...parts: (string | undefined | null)[]) => parts.filter((p) => p && p.trim()).join(' · ');

/** What a revision shows, field by field, in page order; times on the incident's own clock. */
function fieldsOf(doc: IncidentDocument): Field[] {
  const at = (d: Date | undefined) => (d ? `${toLocalInput(d, doc.timezone)} (${doc.timezone})` : '');
  const value = (label: string, text: string): Field => ({ kind: 'value', label, text });
  const list = (noun: string, items: string[]): Field => ({ kind: 'list', label: (n) => `${noun} ${n}`, items });
  return [
    value('Title', doc.title),
    value('Summary', doc.summary),
    value('Draft', doc.draft ? 'draft' : 'published'),
    value('Status', doc.status),
    value('Severity', doc.severity),
    value('Root cause', doc.rootCause),
    value('Time zone', doc.timezone),
    value('Started', at(doc.startedAt)),
    value('Detected', at(doc.detectedAt)),
    value('Mitigated', at(doc.mitigatedAt)),
    value('Resolved', at(doc.resolvedAt)),
    value('Written by', doc.author ?? ''),
    value('Source', doc.source ?? ''),
    { kind: 'set', label: 'Affected services', items: doc.services },
    { kind: 'set', label: 'Tags', items: doc.tags },
    list('Impact paragraph', paragraphs(doc.impact)),
    list('Symptom', doc.symptoms),
    list(
      'Timeline entry',
      doc.timeline.map((e) => joined(toLocalInput(e.at, doc.timezone), e.kind, e.text)),
    ),
    list(
      'Contributing factor',
      doc.contributingFactors.map((f) => joined(f.title, f.detail)),
    ),
    list(
      'Resolution step',
      doc.resolutionSteps.map((s) => joined(s.text, s.command && `$ ${s.command}`, s.check && `check: ${s.check}`)),
    ),
    list(
      'Action item',
      doc.actionItems.map((a) => joined(a.text, a.owner, a.due?.toISOString().slice(0, 10), a.status)),
    ),
    { kind: 'set', label: 'Runbooks', items: doc.runbooks },
    list('Lessons paragraph', paragraphs(doc.lessons)),
    list('Narrative paragraph', paragraphs(doc.narrative)),
  ];
}

/** Word-level parts of one changed entry; whole old and new text past WORD_DIFF_MAX_EDITS. */
export function wordParts(from: string, to: string): WordPart[] {
  const changes = diffWordsWithSpace(from, to, { maxEditLength: WORD_DIFF_MAX_EDITS });
  if (!changes) {
    return [
      { kind: 'removed', text: from },
      { kind: 'added', text: to },
    ];
  }
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

const added = (label: string, text: string): FieldChange => ({ label, change: 'added', parts: [{ kind: 'added', text }] });
const removed = (label: string, text: string): FieldChange => ({ label, change: 'removed', parts: [{ kind: 'removed', text }] });

function compareValue(label: string, from: string, to: string): FieldChange[] {
  if (from === to) return [];
  if (!from) return [added(label, to)];
  if (!to) return [removed(label, from)];
  return [{ label, change: 'changed', parts: wordParts(from, to) }];
}

/** Sets: what left and what came, in a stable order; the order they are stored in is no change. */
function compareSet(label: string, from: string[], to: string[]): FieldChange[] {
  const before = new Set(from);
  const after = new Set(to);
  const gone = [...before].filter((x) => !after.has(x)).sort();
  const came = [...after].filter((x) => !before.has(x)).sort();
  return [...gone.map((x) => removed(label, x)), ...came.map((x) => added(label, x))];
}

/** Share of words two entries have in common (0..1). */
function likeness(a: string, b: string): number {
  const wa = new Set(a.toLowerCase().split(/\s+/).filter(Boolean));
  const wb = new Set(b.toLowerCase().split(/\s+/).filter(Boolean));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / Math.max(1, new Set([...wa, ...wb]).size);
}

/** Below this likeness a removed and an added entry are two entries, not one edited. */
const SAME_ENTRY_LIKENESS = 0.3;

/**
 * A run of removed entries beside a run of added ones: each removed entry is
 * paired, in order, with the most alike added one still free after the last
 * pair; a pair is one entry edited (shown word by word), the rest were removed
 * or added. Labels number entries as the newer version has them.
 */
function compareRun(label: (n: number) => string, gone: string[], came: string[], i: number, j: number): FieldChange[] {
  const pairOf = new Map<number, number>(); // added index -> removed index
  let after = -1;
  gone.forEach((old, r) => {
    let best = -1;
    let bestScore = SAME_ENTRY_LIKENESS;
    for (let q = after + 1; q < came.length; q++) {
      const score = likeness(old, came[q]!);
      if (score >= bestScore) [best, bestScore] = [q, score];
    }
    if (best >= 0) {
      pairOf.set(best, r);
      after = best;
    }
  });
  const paired = new Set(pairOf.values());
  return [
    ...gone.flatMap((old, r) => (paired.has(r) ? [] : [removed(label(i + r + 1), old)])),
    ...came.map((text, q) => {
      const r = pairOf.get(q);
      return r === undefined
        ? added(label(j + q + 1), text)
        : { label: label(j + q + 1), change: 'changed' as const, parts: wordParts(gone[r]!, text) };
    }),
  ];
}

/**
 * Ordered lists: entries matched by content (jsdiff's diffArrays), so inserting
 * a symptom shows one added symptom, not every later one changed.
 */
function compareList(label: (n: number) => string, from: string[], to: string[]): FieldChange[] {
  const out: FieldChange[] = [];
  let i = 0; // index in `from`
  let j = 0; // index in `to`
  const changes = diffArrays(from, to);
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k]!;
    if (!c.added && !c.removed) {
      i += c.value.length;
      j += c.value.length;
      continue;
    }
    const next = changes[k + 1];
    if (c.removed && next?.added) {
      out.push(...compareRun(label, c.value, next.value, i, j));
      i += c.value.length;
      j += next.value.length;
      k += 1;
    } else if (c.removed) {
      c.value.forEach((v, p) => out.push(removed(label(i + p + 1), v)));
      i += c.value.length;
    } else {
      c.value.forEach((v, p) => out.push(added(label(j + p + 1), v)));
      j += c.value.length;
    }
  }
  return out;
}

function compareDocuments(from: IncidentDocument, to: IncidentDocument): FieldChange[] {
  const a = fieldsOf(from);
  const b = fieldsOf(to);
  return a.flatMap((field, n) => {
    const other = b[n]!;
    if (field.kind === 'value' && other.kind === 'value') return compareValue(field.label, field.text, other.text);
    if (field.kind === 'set' && other.kind === 'set') return compareSet(field.label, field.items, other.items);
    if (field.kind === 'list' && other.kind === 'list') return compareList(field.label, field.items, other.items);
    return [];
  });
}

/**
 * What changed between two revisions, field by field. A snapshot that is not a
 * whole incident (none is written today) is compared as its raw JSON, one entry.
 */
export function diffRevisionFields(from: unknown, to: unknown): FieldChange[] {
  const a = snapshotToDocument(from);
  const b = snapshotToDocument(to);
  if (a && b) return compareDocuments(a, b);
  return compareValue('Saved data', JSON.stringify(from, null, 2), JSON.stringify(to, null, 2));
}
