// One incident as a document in the content format (docs/content-format.md):
// the export writes it, the importer and the form read it, revisions store it.
// No server-only imports: the form uses the same definitions in the browser.
import YAML, { isScalar, isSeq, type Node } from 'yaml';
import type { IncidentDocument, IncidentDocumentInput } from '@/lib/content/schema';
import { toOffsetIso } from '@/lib/format/zoned';

/** The serialisable document: times with the incident zone's offset, due dates as days. */
export function toDocumentInput(doc: IncidentDocument): IncidentDocumentInput {
  const at = (d: Date) => toOffsetIso(d, doc.timezone);
  const optional = <T, U>(value: T | undefined, f: (v: T) => U) => (value === undefined ? {} : f(value));
  // Key order is the order of docs/content-format.md, so exports read like the seed files.
  return {
    slug: doc.slug,
    title: doc.title,
    summary: doc.summary,
    severity: doc.severity,
    status: doc.status,
    draft: doc.draft,
    timezone: doc.timezone,
    ...optional(doc.startedAt, (d) => ({ startedAt: at(d) })),
    ...optional(doc.detectedAt, (d) => ({ detectedAt: at(d) })),
    ...optional(doc.mitigatedAt, (d) => ({ mitigatedAt: at(d) })),
    ...optional(doc.resolvedAt, (d) => ({ resolvedAt: at(d) })),
    ...optional(doc.author, (author) => ({ author })),
    ...optional(doc.source, (source) => ({ source })),
    services: doc.services,
    tags: doc.tags,
    rootCause: doc.rootCause,
    ...optional(doc.trigger, (trigger) => ({ trigger })),
    impact: doc.impact,
    symptoms: doc.symptoms,
    timeline: doc.timeline.map((e) => ({ at: at(e.at), kind: e.kind, text: e.text })),
    contributingFactors: doc.contributingFactors.map((f) => ({
      title: f.title,
      ...(f.detail ? { detail: f.detail } : {}),
      ...optional(f.category, (category) => ({ category })),
    })),
    resolutionSteps: doc.resolutionSteps.map((s) => ({
      text: s.text,
      ...optional(s.command, (command) => ({ command })),
      ...optional(s.check, (check) => ({ check })),
    })),
    actionItems: doc.actionItems.map((a) => ({
      text: a.text,
      ...optional(a.owner, (owner) => ({ owner })),
      ...optional(a.due, (d) => ({ due: d.toISOString().slice(0, 10) })),
      status: a.status,
    })),
    runbooks: doc.runbooks,
    ...(doc.lessons ? { lessons: doc.lessons } : {}),
    narrative: doc.narrative,
  };
}

// The format quotes times and dates so no YAML reader turns them into its own type.
const TIME_OR_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/;
// Short label lists are written inline, as in the seed files.
const FLOW_KEYS = new Set(['services', 'tags', 'runbooks']);

function styleNode(key: string | undefined, node: Node | null) {
  if (!node) return;
  if (isScalar(node) && typeof node.value === 'string' && TIME_OR_DATE.test(node.value)) node.type = 'QUOTE_DOUBLE';
  if (isSeq(node)) {
    if (key && FLOW_KEYS.has(key)) node.flow = true;
    for (const item of node.items) styleNode(undefined, item as Node);
  }
  if (YAML.isMap(node))
    for (const pair of node.items) styleNode(String((pair.key as { value?: unknown })?.value), pair.value as Node);
}

/** The file content: YAML frontmatter in the content format, then the narrative. */
export function serializeIncident(doc: IncidentDocument): string {
  const { narrative, ...frontmatter } = toDocumentInput(doc);
  const yaml = new YAML.Document(frontmatter);
  styleNode(undefined, yaml.contents as Node);
  // No line folding: a long line stays one line, so diffs between revisions stay readable.
  const text = yaml.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
  return `---\n${text}---\n${narrative ?? ''}`;
}

/** The file name an export is saved under, which the content folder requires. */
export const exportFileName = (slug: string) => `${slug}.md`;
