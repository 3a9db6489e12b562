// Every user-facing input schema refuses NUL, other control characters and lone
// surrogates in its text fields, by field (issue 10, class 7).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrorsOf } from '@/lib/actions/result';
import { auditFilterSchema } from '@/lib/audit/schema';
import { launchSchema } from '@/lib/checks/launch-schema';
import { parseIncident } from '@/lib/content/parse';
import { createHostSchema, hostIdSchema, updateHostSchema } from '@/lib/hosts/schema';
import { emptyIncidentForm, incidentFormSchema, type IncidentForm } from '@/lib/incidents/form';
import { parseUpload } from '@/lib/incidents/import';
import { incidentListParamsSchema, restoreSchema, saveIdsSchema } from '@/lib/incidents/schema';
import { createTokenSchema, revokeTokenSchema } from '@/lib/tokens/schema';
import { changeRoleSchema, createUserSchema } from '@/lib/users/schema';

const NUL = '\u0000';
const SECRET = 'a-long-enough-agent-secret-0123456789';

function pathsOf(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('account, host, token and check schemas', () => {
  it.each([
    ['user name', createUserSchema, { email: 'a@example.com', name: `Ann${NUL}`, role: 'viewer', password: '' }, 'name'],
    ['user email', createUserSchema, { email: `a${NUL}@example.com`, name: 'Ann', role: 'viewer', password: '' }, 'email'],
    [
      'user password',
      createUserSchema,
      { email: 'a@example.com', name: 'Ann', role: 'viewer', password: `correct horse${NUL}battery` },
      'password',
    ],
    ['user id', changeRoleSchema, { userId: `u${NUL}`, role: 'viewer' }, 'userId'],
    [
      'host name',
      createHostSchema,
      { name: `db1${NUL}`, role: 'director', agentUrl: 'http://10.0.0.5:7070', secret: SECRET },
      'name',
    ],
    [
      'agent URL',
      createHostSchema,
      { name: 'db1', role: 'director', agentUrl: `http://10.0.0.5:7070/a${NUL}`, secret: SECRET },
      'agentUrl',
    ],
    [
      'agent URL (update)',
      updateHostSchema,
      { hostId: 'h1', role: 'director', agentUrl: 'http://10.0.0.5:7070/\uD800', secret: '' },
      'agentUrl',
    ],
    ['host id', hostIdSchema, { hostId: `h${NUL}` }, 'hostId'],
    ['token name', createTokenSchema, { name: `ci${NUL}`, expiresInDays: '30' }, 'name'],
    ['token id', revokeTokenSchema, { tokenId: `t${NUL}` }, 'tokenId'],
    ['launch parameter', launchSchema, { check: 'ip-neigh', hostIds: ['h1'], params: { iface: `eth0${NUL}` } }, 'params.iface'],
    ['revision id', restoreSchema, { revisionId: `r${NUL}`, version: '1' }, 'revisionId'],
    ['incident id', saveIdsSchema, { incidentId: `i${NUL}`, version: '1' }, 'incidentId'],
  ])('%s', (_label, schema, input, field) => {
    expect(pathsOf(schema, input)).toContain(field);
  });

  it('list filters with a control character count as no filter (the query never sees it)', () => {
    expect(incidentListParamsSchema.parse({ q: `disk${NUL}`, service: `db${NUL}`, tag: 'a\u001b' })).toMatchObject({
      q: undefined,
      service: undefined,
      tag: undefined,
    });
    expect(auditFilterSchema.parse({ actor: `ann${NUL}` }).actor).toBeUndefined();
  });
});

describe('the postmortem form and the content format', () => {
  const form = (): IncidentForm => ({
    ...emptyIncidentForm(),
    slug: 'disk-full',
    title: `Disk${NUL} full`,
    timezone: 'UTC',
    startedAt: '2024-05-01 10:00',
    symptoms: [{ key: 'a', value: 'writes \uDC00fail' }],
    narrative: 'Line one.\r\nLine two.\rLine three.\u0007',
  });

  it('names each field holding a control character or a lone surrogate', () => {
    const r = incidentFormSchema.safeParse(form());
    const errors = r.success ? {} : fieldErrorsOf(r.error);
    expect(errors.title).toEqual(['Contains a control character (U+0000) at position 5; remove it.']);
    expect(errors['symptoms.0']?.[0]).toMatch(/unpaired surrogate/);
    expect(errors.narrative?.[0]).toMatch(/U\+0007/);
  });

  it('stores carriage returns as newlines', () => {
    const r = incidentFormSchema.safeParse({
      ...form(),
      title: 'Disk full',
      symptoms: [],
      narrative: 'Line one.\r\nLine two.\rThree.',
    });
    expect(r.success && r.data.narrative).toBe('Line one.\nLine two.\nThree.');
  });

  it('refuses a NUL written as a YAML escape in an uploaded or synced file', () => {
    const file = '---\nslug: nul-title\ntitle: "a\\0b"\nseverity: SEV3\nstatus: draft\nstartedAt: "2024-01-01T10:00:00Z"\n---\n';
    expect(parseUpload(file)).toEqual({ ok: false, fieldErrors: { title: [expect.stringMatching(/U\+0000/)] } });
    expect(() => parseIncident('nul-title.md', file)).toThrow(/title.*U\+0000/);
  });
});
