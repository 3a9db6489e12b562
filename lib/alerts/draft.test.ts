import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachToIncident, draftIncident, draftSlug, mdText, mdUrl, ownRunbookSlug } from './draft';
import { alertText, sameAlert, toBatch } from './normalize';
import { alertmanagerPayload } from './schema';

const fixture = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/alerts/alertmanager-gateway-failed.json'), 'utf8'),
);
const batch = () => toBatch('alertmanager', alertmanagerPayload.parse(fixture));
const matches = [
  { type: 'incident' as const, slug: 'ovh-reverse-proxy-ip-lost-2024-08', title: 'OVH [proxy] lost its gateway', score: 0.9 },
  { type: 'runbook' as const, slug: 'arp-gateway', title: 'ARP gateway', score: 0.5 },
];

describe('toBatch', () => {
  it('reads Go zero time and a firing endsAt as no end', () => {
    const b = batch();
    expect(b.alerts[0]).toMatchObject({ fingerprint: 'a1b2c3d4e5f60718', status: 'firing', endsAt: null });
  });

  it('fingerprints alerts that come without one from their labels, the same way each time', () => {
    const p = alertmanagerPayload.parse({ ...fixture, alerts: [{ ...fixture.alerts[0], fingerprint: undefined }] });
    const a = toBatch('alertmanager', p).alerts[0]!.fingerprint;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(toBatch('alertmanager', p).alerts[0]!.fingerprint).toBe(a);
  });

  it('takes the alert name, summary, description, service and job as the text to match', () => {
    expect(alertText(batch())).toBe(
      [
        'GatewayArpFailed',
        'reverse-proxy',
        'node-exporter',
        'Gateway 193.70.55.1 shows FAILED in ip neigh on eth1',
        'The reverse proxy cannot reach its default gateway; ip neigh lists it as FAILED.',
      ].join('\n'),
    );
  });

  it('tells a replay from news by status, start and end', () => {
    const a = batch().alerts[0]!;
    expect(sameAlert({ status: 'firing', startsAt: a.startsAt, endsAt: null }, a)).toBe(true);
    expect(sameAlert({ status: 'resolved', startsAt: a.startsAt, endsAt: null }, a)).toBe(false);
    expect(sameAlert({ status: 'firing', startsAt: new Date(0), endsAt: null }, a)).toBe(false);
  });
});

describe('draftIncident', () => {
  it('is a draft with symptoms, a detection entry, Seen before and runbook_url', () => {
    const doc = draftIncident(batch(), matches, ['arp-gateway']);
    expect(doc).toMatchObject({
      status: 'investigating',
      draft: true,
      severity: 'SEV2',
      services: ['reverse-proxy'],
      runbooks: ['arp-gateway'],
    });
    expect(doc.slug).toMatch(/^alert-gateway-arp-failed-20261203-[0-9a-f]{8}$/);
    expect(doc.timeline).toEqual([
      { at: new Date('2026-12-03T09:58:00Z'), kind: 'detection', text: expect.stringMatching(/^Alertmanager fired/) },
    ]);
    expect(doc.narrative).toContain(
      '## Seen before\n\n- [OVH \\[proxy\\] lost its gateway](/incidents/ovh-reverse-proxy-ip-lost-2024-08)',
    );
    expect(doc.narrative).toContain('- <https://wiki.example.internal/runbooks/gateway-arp> (runbook_url of the alert)');
  });

  it('names the same slug for the same group and first start, another for another group', () => {
    expect(draftSlug(batch())).toBe(draftSlug(batch()));
    expect(draftSlug({ ...batch(), groupKey: 'other' })).not.toBe(draftSlug(batch()));
  });

  it('keeps alert text inert in markdown and links only http(s)', () => {
    expect(mdText('[click](javascript:alert(1)) <img src=x>')).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\>');
    expect(mdUrl('javascript:alert(1)')).toBeNull();
    expect(mdUrl('data:text/html,x')).toBeNull();
    expect(mdUrl('https://x.example/a b')).toBe('<https://x.example/a%20b>');
    expect(ownRunbookSlug('https://kb.example/runbooks/arp-gateway')).toBe('arp-gateway');
    expect(ownRunbookSlug('https://kb.example/wiki/arp')).toBeNull();
  });
});

describe('attachToIncident', () => {
  it('adds a recovery entry once when the group resolves', () => {
    const doc = draftIncident(batch(), matches, []);
    const resolved = { ...batch(), status: 'resolved' as const };
    resolved.alerts = resolved.alerts.map((a) => ({
      ...a,
      status: 'resolved' as const,
      endsAt: new Date('2026-12-03T10:30:00Z'),
    }));
    const once = attachToIncident(doc, resolved, resolved.alerts);
    const twice = attachToIncident(once, resolved, resolved.alerts);
    expect(twice.timeline.map((t) => t.kind)).toEqual(['detection', 'recovery']);
    expect(twice.timeline[1]!.at).toEqual(new Date('2026-12-03T10:30:00Z'));
  });
});
