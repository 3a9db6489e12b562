import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/actions/result';
import { parseIncident } from '@/lib/content/parse';
import { ITEM_TEXT_MAX, TITLE_MAX } from '@/lib/content/schema';
import {
  documentToForm,
  emptyIncidentForm,
  incidentFormSchema,
  liveTimeErrors,
  TIME_FORMAT,
  withLiveTimeErrors,
  type IncidentForm,
} from './form';

const GS14 = 'gs14-host-network-loss-2020-10.md';
const seed = parseIncident(GS14, readFileSync(path.resolve(import.meta.dirname, '../../content/incidents', GS14), 'utf8'));
const gs14 = { ...seed.data, narrative: seed.narrative };

function errorsOf(form: IncidentForm) {
  const r = incidentFormSchema.safeParse(form);
  return r.success ? {} : fieldErrorsOf(r.error);
}

const minimal = (): IncidentForm => ({
  ...emptyIncidentForm(),
  draft: false,
  slug: 'disk-full',
  title: 'Disk full',
  summary: 'The disk filled up.',
  timezone: 'Europe/Paris',
  startedAt: '2024-05-01 10:00',
  services: [{ key: 'a', value: 'db1' }],
  symptoms: [{ key: 'b', value: 'writes fail' }],
  timeline: [{ key: 'c', at: '2024-05-01 10:05', kind: 'detection', text: 'Alert fired.' }],
});

describe('the postmortem form schema', () => {
  it('turns the seeded GS14 incident into a form and back without loss', () => {
    const r = incidentFormSchema.safeParse(documentToForm(gs14));
    expect(r.error?.issues).toBeUndefined();
    expect(r.data).toEqual(gs14);
  });

  it('stores typed times in the incident zone', () => {
    const r = incidentFormSchema.parse(minimal());
    expect(r.startedAt?.toISOString()).toBe('2024-05-01T08:00:00.000Z');
    expect(r.timeline[0]!.at.toISOString()).toBe('2024-05-01T08:05:00.000Z');
  });

  it('says when detection is before the start and resolution before detection', () => {
    const e = errorsOf({ ...minimal(), detectedAt: '2024-05-01 09:00', resolvedAt: '2024-05-01 08:00' });
    expect(e.detectedAt).toEqual(['The incident cannot be detected before it was started.']);
    expect(e.resolvedAt).toEqual(['The incident cannot be resolved before it was detected.']);
  });

  it('reports an empty timeline text and a mistyped time at their rows', () => {
    const form = minimal();
    form.timeline.push({ key: 'd', at: '2024-05-01 25:00', kind: 'action', text: '  ' });
    const e = errorsOf(form);
    expect(e['timeline.1.text']).toEqual(['Required.']);
    expect(e['timeline.1.at']?.[0]).toMatch(/YYYY-MM-DD HH:MM/);
  });

  it('rejects oversized fields with the limit in the message', () => {
    const form = { ...minimal(), title: 'x'.repeat(TITLE_MAX + 1) };
    form.symptoms = [{ key: 's', value: 'y'.repeat(ITEM_TEXT_MAX + 1) }];
    const e = errorsOf(form);
    expect(e.title).toEqual([`At most ${TITLE_MAX} characters.`]);
    expect(e['symptoms.0']).toEqual([`At most ${ITEM_TEXT_MAX} characters.`]);
  });

  it('lets a draft lack what publishing needs, and says what is missing to publish', () => {
    const draft = { ...emptyIncidentForm(), slug: 'early', title: 'Early draft', startedAt: '2024-05-01 10:00' };
    expect(errorsOf(draft)).toEqual({});
    const e = errorsOf({ ...draft, draft: false });
    expect(Object.keys(e).sort()).toEqual(['services', 'summary', 'symptoms', 'timeline']);
  });

  it('saves a draft with only a title: the slug comes from it, the start time may wait (issue 17)', () => {
    const r = incidentFormSchema.safeParse({ ...emptyIncidentForm(), title: 'Disk Full on DB1' });
    expect(r.success && r.data).toMatchObject({ slug: 'disk-full-on-db1', draft: true, startedAt: undefined });
    const e = errorsOf({ ...emptyIncidentForm(), title: 'Disk Full on DB1', draft: false });
    expect(e.startedAt).toEqual(['Required to publish.']);
  });

  it('keeps the status chosen for a draft, and shows it again in the form', () => {
    const r = incidentFormSchema.safeParse({ ...minimal(), draft: true, status: 'mitigated' });
    expect(r.success && r.data).toMatchObject({ draft: true, status: 'mitigated' });
    expect(documentToForm(r.success ? r.data : (undefined as never))).toMatchObject({ draft: true, status: 'mitigated' });
  });

  it('normalises tags on the server as the form does while typing', () => {
    const r = incidentFormSchema.safeParse({ ...minimal(), tags: [{ key: 't', value: 'Disk Full' }] });
    expect(r.success && r.data.tags).toEqual(['disk-full']);
  });

  it('rejects a bad slug, an unknown zone and a bad due date', () => {
    const form = { ...minimal(), slug: 'Bad Slug', timezone: 'Mars/Olympus' };
    form.actionItems = [{ key: 'x', text: 'Do it', owner: '', due: '30/11/2020', status: 'open' }];
    const e = errorsOf(form);
    expect(e.slug).toBeDefined();
    expect(e.timezone?.[0]).toMatch(/Unknown time zone/);
    expect(e['actionItems.0.due']).toEqual(['Use YYYY-MM-DD, e.g. 2020-11-30.']);
  });

  it("judges typed times with the save's own parser and message, blank ones left to Save/Publish", () => {
    const form = { ...minimal(), startedAt: '2024-05-01 25:00', detectedAt: '', mitigatedAt: '2024-05-01 10:4' };
    form.timeline = [{ key: 'c', at: 'yesterday', kind: 'detection', text: 'Alert fired.' }];
    expect(liveTimeErrors(form)).toEqual({
      startedAt: [TIME_FORMAT],
      mitigatedAt: [TIME_FORMAT],
      'timeline.0.at': [TIME_FORMAT],
    });
    // Exactly what a submit would say of the same times.
    const submitted = errorsOf(form);
    for (const path of ['startedAt', 'mitigatedAt', 'timeline.0.at']) expect(submitted[path]).toEqual([TIME_FORMAT]);
    expect(liveTimeErrors({ ...minimal(), timezone: 'Mars/Olympus' })).toEqual({
      timezone: [expect.stringMatching(/Unknown time zone/)],
    });
    // A DST gap is a real time on the clock of Europe/Paris; 31 June is not.
    expect(liveTimeErrors({ ...minimal(), startedAt: '2024-03-31 02:30' })).toEqual({});
    expect(liveTimeErrors({ ...minimal(), startedAt: '2024-06-31 10:00' })).toEqual({ startedAt: [TIME_FORMAT] });
  });

  it("drops a submit's error from a time once it is corrected, and keeps a blank one's Required", () => {
    const last = { startedAt: ['Required to publish.'], detectedAt: [TIME_FORMAT], summary: ['Required to publish.'] };
    const now = { ...minimal(), startedAt: '', detectedAt: '2024-05-01 10:05' };
    expect(withLiveTimeErrors(last, now)).toEqual({ startedAt: ['Required to publish.'], summary: ['Required to publish.'] });
    expect(withLiveTimeErrors(undefined, { ...now, resolvedAt: '10:00' })).toEqual({ resolvedAt: [TIME_FORMAT] });
  });

  it('keeps an order error on a time that parses until the next check', () => {
    const order = 'The incident cannot be detected before it was started.';
    const now = { ...minimal(), startedAt: '2024-05-01 14:00', detectedAt: '2024-05-01 13:00' };
    expect(withLiveTimeErrors({ detectedAt: [order] }, now)).toEqual({ detectedAt: [order] });
  });

  it('refuses input that is not the form at all', () => {
    expect(incidentFormSchema.safeParse({ title: 1 }).success).toBe(false);
  });
});
