// The admin CLI's commands against a real PostgreSQL: a token that signs its
// owner in, a user whose one-time password must be changed, and the refusals.
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashToken } from '../../lib/tokens/token';
import { CliError, createTokenFor, createUserFromCli, tokenArgsSchema, userArgsSchema } from './admin-cli';
import { scriptClient } from './prisma';
import { applyMigrations } from './schema-engine';

const url = inject('databaseUrl');
const prisma = scriptClient(url);
const RUN = `cli${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  await applyMigrations(url);
  await prisma.user.create({ data: { email: `${RUN}-bot@example.com`, name: 'Bot', role: 'author' } });
  await prisma.user.create({ data: { email: `${RUN}-off@example.com`, name: 'Off', role: 'author', disabled: true } });
});

afterAll(async () => {
  await prisma.user.deleteMany({ where: { email: { startsWith: RUN } } });
  await prisma.$disconnect();
});

describe('npm run token -- create', () => {
  it('creates a hashed, expiring token for the user and audits it', async () => {
    const args = tokenArgsSchema.parse({ email: `${RUN}-BOT@example.com`, name: 'alertmanager', days: '30' });
    const { token, expiresAt } = await createTokenFor(prisma, args);
    expect(token).toMatch(/^pmkb_/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, include: { user: true } });
    expect(row.user.email).toBe(`${RUN}-bot@example.com`);
    expect(row.name).toBe('alertmanager');
    expect(Math.round((expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(30);
    const event = await prisma.auditEvent.findFirst({ where: { action: 'token.create', targetId: row.id } });
    expect(event?.details).toMatchObject({ via: 'cli', name: 'alertmanager' });
    expect(JSON.stringify(event?.details)).not.toContain(token);
  });

  it('refuses unknown and disabled users, and bad arguments', async () => {
    await expect(createTokenFor(prisma, { email: `${RUN}-none@example.com`, name: 'x', days: 1 })).rejects.toThrow(CliError);
    await expect(createTokenFor(prisma, { email: `${RUN}-off@example.com`, name: 'x', days: 1 })).rejects.toThrow(/disabled/);
    expect(tokenArgsSchema.safeParse({ email: 'a@b.co', name: 'x', days: '400' }).success).toBe(false);
    expect(tokenArgsSchema.safeParse({ email: 'not-an-email', name: 'x', days: '1' }).success).toBe(false);
  });
});

describe('npm run user -- create', () => {
  it('creates a user whose one-time password signs in and must be changed', async () => {
    const args = userArgsSchema.parse({ email: `${RUN}-new@example.com`, name: 'New Operator', role: 'operator' });
    const { oneTimePassword } = await createUserFromCli(prisma, args);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: `${RUN}-new@example.com` }, include: { accounts: true } });
    expect(user).toMatchObject({ role: 'operator', mustChangePassword: true, name: 'New Operator' });
    const hash = user.accounts.find((a) => a.providerId === 'credential')?.password ?? '';
    expect(await verifyPassword({ hash, password: oneTimePassword! })).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: 'user.create', targetId: user.id } })).toBe(1);
  });

  it('creates an integration account without any password, whose token works at once', async () => {
    const email = `${RUN}-alertmanager@example.com`;
    const { oneTimePassword } = await createUserFromCli(
      prisma,
      userArgsSchema.parse({ email, name: 'Alertmanager', role: 'integration' }),
    );
    expect(oneTimePassword).toBeNull();
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
    expect(user).toMatchObject({ role: 'integration', mustChangePassword: false, accounts: [] });
    await expect(createTokenFor(prisma, { email, name: 'alertmanager', days: 30 })).resolves.toMatchObject({
      token: expect.any(String),
    });
  });

  it('refuses an existing email and an unknown role', async () => {
    await expect(createUserFromCli(prisma, { email: `${RUN}-bot@example.com`, name: 'Again', role: 'viewer' })).rejects.toThrow(
      /already exists/,
    );
    expect(userArgsSchema.safeParse({ email: 'a@b.co', name: 'x', role: 'root' }).success).toBe(false);
  });
});
