// Export then import gives back the same incident, for generated incidents:
// odd characters, multi-line text, zones with half-hour offsets, DST edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIncident } from '@/lib/content/parse';
import { incidentDocumentSchema, type IncidentDocumentInput } from '@/lib/content/schema';
import { toOffsetIso } from '@/lib/format/zoned';
import { ActionItemStatus, IncidentStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';
import { serializeIncident, toDocumentInput } from './document';

const ZONES = [
  'UTC',
  'America/Chicago',
  'Europe/Paris',
  'Asia/Bangkok',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
];
const MIN = Date.UTC(1995, 0, 1);
const MAX = Date.UTC(2045, 0, 1);

// Any text the schema accepts: trimmed, non-empty; unicode, quotes, colons, newlines.
const line = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const multiline = fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const anyText = fc.oneof(
  line,
  multiline,
  fc.constantFrom('yes', 'null', '- dash', '#hash', 'a: b', '"quoted"', '2020-10-14', '~', '0x1F'),
);
const slug = fc.stringMatching(/^[a-z0-9]{3,8}(-[a-z0-9]{1,5}){0,3}$/);
const tag = fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,12}$/);
const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
const day = fc
  .integer({ min: MIN / 86_400_000, max: MAX / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const incident = fc
  .record({
    slug,
    title: line,
    summary: anyText,
    severity: fc.constantFrom(...Object.values(Severity)),
    status: fc.constantFrom(...Object.values(IncidentStatus)),
    timezone: fc.constantFrom(...ZONES),
    times: fc.array(instant, { minLength: 4, maxLength: 4 }).map((t) => t.sort((a, b) => a.getTime() - b.getTime())),
    present: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    author: opt(line),
    source: opt(fc.webUrl()),
    services: fc.array(line, { minLength: 1, maxLength: 4 }),
    tags: fc.array(tag, { maxLength: 4 }),
    rootCause: fc.constantFrom(...Object.values(RootCause)),
    impact: fc.oneof(fc.constant(''), anyText),
    symptoms: fc.array(anyText, { minLength: 1, maxLength: 4 }),
    timeline: fc.array(fc.record({ at: instant, kind: fc.constantFrom(...Object.values(TimelineKind)), text: anyText }), {
      minLength: 1,
      maxLength: 4,
    }),
    contributingFactors: fc.array(fc.record({ title: line, detail: fc.oneof(fc.constant(''), anyText) }), { maxLength: 3 }),
    resolutionSteps: fc.array(fc.record({ text: anyText, command: opt(line), check: opt(slug) }), { maxLength: 3 }),
    actionItems: fc.array(
      fc.record({ text: anyText, owner: opt(line), due: opt(day), status: fc.constantFrom(...Object.values(ActionItemStatus)) }),
      { maxLength: 3 },
    ),
    runbooks: fc.uniqueArray(slug, { maxLength: 2 }),
    lessons: fc.oneof(fc.constant(''), anyText),
    narrative: fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 200 })),
  })
  .map(({ times, present, timeline, ...r }): IncidentDocumentInput => {
    const iso = (d: Date) => toOffsetIso(d, r.timezone);
    const [started, detected, mitigated, resolved] = times as [Date, Date, Date, Date];
    return {
      ...r,
      startedAt: iso(started),
      detectedAt: present[0] ? iso(detected) : undefined,
      mitigatedAt: present[1] ? iso(mitigated) : undefined,
      resolvedAt: present[2] ? iso(resolved) : undefined,
      timeline: timeline.map((e) => ({ ...e, at: iso(e.at) })),
    };
  });

describe('export -> import round trip', () => {
  it('gives back the same normalized incident', () => {
    fc.assert(
      fc.property(incident, (input) => {
        const doc = incidentDocumentSchema.parse(input);
        const file = serializeIncident(doc);
        const back = parseIncident(`${doc.slug}.md`, file);
        expect({ ...back.data, narrative: back.narrative }).toEqual(doc);
        expect(incidentDocumentSchema.parse(toDocumentInput(doc))).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });
});
