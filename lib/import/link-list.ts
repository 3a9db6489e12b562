// Parses public lists of postmortem links (their two shapes; our samples are in
// tests/fixtures/link-lists/):
//
//   ## Category
//   [Company](https://url). A paragraph summarising the outage.
//
//   * [Title - Company - blog post 2020](https://url)
//       * involved: EKS, conntrack, `ndots:5`
//       * impact: high latency, errors
//
// Each entry becomes the frontmatter of an incident, validated by the same zod
// schema as content/ files. A malformed entry is reported with its line number
// and skipped; the others still load.
import { createHash } from 'node:crypto';
import { incidentFrontmatterSchema, SUMMARY_MAX, TITLE_MAX, type IncidentFrontmatter } from '@/lib/content/schema';

export interface LinkListEntry {
  line: number;
  url: string;
  /** The linked name: a company (summary lists) or a talk/post title (story lists). */
  name: string;
  category: string | undefined;
  summary?: string;
  involved?: string[];
  impact?: string;
}

export interface LinkListError {
  line: number;
  message: string;
}

export interface ParsedLinkList {
  entries: LinkListEntry[];
  errors: LinkListError[];
}

// Sections of these lists that are about the list itself, not outages.
const NOT_ENTRIES = /^(table of contents|contents|other lists|analysis|contributors|contributing|thanks|why|see also)\b/i;
/** A summary shorter than this is a bare link (a list of lists), not a postmortem. */
const SUMMARY_MIN = 20;
/** Bump when the mapping from entry to incident changes, so re-imports update rows. */
const MAPPING_VERSION = 1;

// A markdown link at the start of the text; the URL may contain balanced parentheses.
const LINK = /^\[((?:[^\]\\]|\\.)+)\]\((https?:\/\/[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)/;
const SEE_ALSO = /^,\s*\[[^\]]*\]\([^)]*\)/;
const BULLET_ENTRY = /^\*\s+\[/;
const SUB_BULLET = /^\s+[*-]\s+(involved|impact)\s*:\s*(.*)$/i;

const unescape = (s: string) => s.replace(/\\(.)/g, '$1').trim();

export function parseLinkList(source: string): ParsedLinkList {
  const lines = source.split(/\r?\n/);
  const entries: LinkListEntry[] = [];
  const errors: LinkListError[] = [];
  let category: string | undefined;
  let skipSection = false;
  let current: LinkListEntry | undefined;
  const seen = new Map<string, number>();

  const finish = () => {
    if (!current) return;
    const entry = current;
    current = undefined;
    if (entry.summary === undefined && !entry.impact) {
      errors.push({ line: entry.line, message: 'entry has no "impact:" line' });
      return;
    }
    const first = seen.get(entry.url);
    if (first !== undefined) {
      errors.push({ line: entry.line, message: `same link as the entry on line ${first}; skipped` });
      return;
    }
    seen.set(entry.url, entry.line);
    entries.push(entry);
  };

  lines.forEach((text, index) => {
    const line = index + 1;
    const heading = /^(#{1,6})\s+(.*)$/.exec(text);
    if (heading) {
      finish();
      category = heading[2]!.trim();
      skipSection = NOT_ENTRIES.test(category);
      return;
    }
    if (skipSection) return;

    const sub = SUB_BULLET.exec(text);
    if (sub && current) {
      const value = sub[2]!.trim();
      if (sub[1]!.toLowerCase() === 'involved') current.involved = splitList(value);
      else current.impact = value;
      return;
    }

    const isBullet = BULLET_ENTRY.test(text);
    if (!isBullet && !text.startsWith('[')) {
      // Prose between entries ends the current entry but is not an error.
      if (text.trim() && !/^\s/.test(text)) finish();
      return;
    }
    finish();
    const body = isBullet ? text.replace(/^\*\s+/, '') : text;
    const link = LINK.exec(body);
    if (!link) {
      errors.push({ line, message: 'expected a markdown link [name](http(s)://...) at the start of the entry' });
      return;
    }
    const name = unescape(link[1]!);
    const url = link[2]!;
    if (isBullet) {
      current = { line, url, name, category };
      return;
    }
    let rest = body.slice(link[0].length);
    while (SEE_ALSO.test(rest)) rest = rest.replace(SEE_ALSO, '');
    const summary = rest.replace(/^[\s.,:;–-]+/, '').trim();
    if (summary.length < SUMMARY_MIN) {
      errors.push({ line, message: `entry "${name}" has no summary after its link` });
      return;
    }
    current = { line, url, name, category, summary };
  });
  finish();
  return { entries, errors };
}

/** Splits "a, b (c, d), `e`" on top-level commas. */
export function splitList(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let item = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      items.push(item);
      item = '';
    } else item += ch;
  }
  items.push(item);
  return items.map((s) => s.replace(/[`"]/g, '').trim()).filter(Boolean);
}

/** Lowercase words joined by dashes, matching the content tag pattern /^[a-z0-9][a-z0-9.+-]*$/. */
export function slugifyTag(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, '-')
    .replace(/^[^a-z0-9]+|[-.+]+$/g, '')
    .slice(0, 40)
    .replace(/[-.+]+$/, '');
}

const slugPart = (s: string, max: number) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');

/** Stable across runs and list edits: the name plus a hash of the URL, which identifies the write-up. */
export function slugForEntry(entry: Pick<LinkListEntry, 'name' | 'url'>): string {
  const hash = createHash('sha256').update(entry.url).digest('hex').slice(0, 8);
  const base = slugPart(entry.name, 60) || 'postmortem';
  return `${base}-${hash}`;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return (match ? match[1]! : text).trim();
}

/** The year the write-up is about: from "... 2020" in a title, the URL path, or the text. */
export function yearOf(...texts: (string | undefined)[]): number | undefined {
  for (const t of texts) {
    const years = [...(t ?? '').matchAll(/(?<![\d.])(19[89]\d|20[0-4]\d)(?![\d.])/g)].map((m) => Number(m[1]));
    if (years.length) return years[0];
  }
  return undefined;
}

/** "Title - Company - blog post 2020" -> its parts; titles may contain " - " themselves. */
function splitStoryName(name: string) {
  const parts = name.split(' - ').map((p) => p.trim());
  if (parts.length >= 3) return { title: parts.slice(0, -2).join(' - '), org: parts.at(-2)!, kind: parts.at(-1)! };
  if (parts.length === 2) return { title: parts[0]!, org: parts[1]!, kind: '' };
  return { title: name, org: '', kind: '' };
}

/** Where imports say their date is a guess. */
export const UNKNOWN_DATE_TAG = 'date-unknown';
const UNKNOWN_YEAR = 2000;

export interface EntryIncident {
  data: IncidentFrontmatter;
  hash: string;
}

/** Maps one entry to validated incident frontmatter; throws the first zod issue as an Error. */
export function entryToIncident(entry: LinkListEntry, listName: string): EntryIncident {
  const story = entry.summary === undefined;
  const parts = story ? splitStoryName(entry.name) : { title: entry.name, org: entry.name, kind: '' };
  const year = story ? yearOf(parts.kind, entry.name, entry.url) : yearOf(entry.url, entry.summary);
  const startedAt = `${year ?? UNKNOWN_YEAR}-01-01T00:00:00Z`;
  const org = parts.org || parts.title;

  const summary = story
    ? `${parts.title}${parts.org ? ` (${[parts.org, parts.kind].filter(Boolean).join(', ')})` : ''}.` +
      (entry.involved?.length ? ` Involved: ${entry.involved.join(', ')}.` : '') +
      (entry.impact ? ` Impact: ${entry.impact}.` : '')
    : entry.summary!;
  const title = story ? parts.title : `${entry.name}: ${firstSentence(entry.summary!)}`;
  const symptoms = story ? splitList(entry.impact ?? '') : [clip(firstSentence(entry.summary!), 500)];
  const tags = [
    ...new Set(
      [entry.category, ...(entry.involved ?? []), year ? undefined : UNKNOWN_DATE_TAG]
        .filter((t): t is string => Boolean(t))
        .map(slugifyTag)
        .filter(Boolean),
    ),
  ];

  const candidate = {
    slug: slugForEntry(entry),
    title: clip(title, TITLE_MAX),
    summary: clip(summary, SUMMARY_MAX),
    severity: 'SEV3',
    status: 'resolved',
    timezone: 'UTC',
    startedAt,
    source: entry.url,
    services: [clip(org, 80)],
    tags,
    impact: entry.impact ?? '',
    symptoms: symptoms.length ? symptoms : [clip(title, 500)],
    timeline: [
      {
        at: startedAt,
        kind: 'communication',
        text: `Public write-up listed in ${listName}${year ? '' : ' (date unknown; shown as 2000)'}: ${entry.url}`,
      },
    ],
  };
  const parsed = incidentFrontmatterSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`field "${issue.path.join('.')}": ${issue.message}`);
  }
  const hash = createHash('sha256')
    .update(JSON.stringify({ v: MAPPING_VERSION, listName, candidate }))
    .digest('hex');
  return { data: parsed.data, hash };
}
