// `npm run token -- create --email <user> --name <name> --days <n>`
// Prints a new personal API token for an existing user, once (only its hash is
// stored). Through the running server's database like the other CLI commands.
import { parseArgs } from 'node:util';
import { CliError, createTokenFor, firstProblem, tokenArgsSchema } from './lib/admin-cli';
import { runWithDatabase } from './lib/database';
import { scriptClient } from './lib/prisma';

const USAGE = 'usage: npm run token -- create --email <user> --name <name> --days <n>';

const { values, positionals } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string', default: '90' } },
  allowPositionals: true,
  strict: false,
});
const parsed = tokenArgsSchema.safeParse(values);
if (positionals.length !== 1 || positionals[0] !== 'create' || !parsed.success) {
  console.error(parsed.success ? USAGE : `token: ${firstProblem(parsed.error)}\n${USAGE}`);
  process.exit(2);
}

await runWithDatabase('token', async ({ url }) => {
  const prisma = scriptClient(url);
  try {
    const { token, expiresAt } = await createTokenFor(prisma, parsed.data);
    console.error(
      `token: created "${parsed.data.name}" for ${parsed.data.email}, expires ${expiresAt.toISOString()}; shown once:`,
    );
    console.log(token);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`token: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
});
