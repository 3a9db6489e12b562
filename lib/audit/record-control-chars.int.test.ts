// An audit detail taken from a request (an uploaded file's name) may hold a NUL;
// PostgreSQL refuses that in jsonb, which used to lose the row and fail the request.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { scriptClient } from '@/scripts/lib/prisma';
import { applyMigrations } from '@/scripts/lib/schema-engine';
import { recordAudit } from './record';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const target = `audit-ctl-${Date.now().toString(36)}`;

beforeAll(() => applyMigrations(url));
afterAll(() => prisma.$disconnect());

it('stores a detail holding a NUL and other controls, escaped', async () => {
  await recordAudit(prisma, {
    action: 'incident.import',
    targetType: 'file',
    targetId: target,
    outcome: 'failure',
    details: { file: 'evil\u0000name\u001b.md', size: 3 },
  });
  const row = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: target } });
  expect(row.details).toEqual({ file: 'evil\\x00name\\x1B.md', size: 3 });
});
