// `npm run user -- create --email <e> --name <n> --role <role>`
// Creates a user and prints a one-time password, once: it allows only choosing
// their own at first sign-in. Through the running server's database like the
// other CLI commands.
import { parseArgs } from 'node:util';
import { CliError, createUserFromCli, firstProblem, userArgsSchema } from './lib/admin-cli';
import { runWithDatabase } from './lib/database';
import { scriptClient } from './lib/prisma';

const USAGE = 'usage: npm run user -- create --email <e> --name <n> --role viewer|author|operator|admin';

const { values, positionals } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  allowPositionals: true,
  strict: false,
});
const parsed = userArgsSchema.safeParse(values);
if (positionals.length !== 1 || positionals[0] !== 'create' || !parsed.success) {
  console.error(parsed.success ? USAGE : `user: ${firstProblem(parsed.error)}\n${USAGE}`);
  process.exit(2);
}

await runWithDatabase('user', async ({ url }) => {
  const prisma = scriptClient(url);
  try {
    const { oneTimePassword } = await createUserFromCli(prisma, parsed.data);
    if (oneTimePassword === null) {
      console.error(
        `user: created ${parsed.data.email} (integration): no password; create its token with npm run token -- create --email ${parsed.data.email} --name <sender> --days <n>`,
      );
      return;
    }
    console.error(
      `user: created ${parsed.data.email} (${parsed.data.role}); one-time password, shown once, to be changed at first sign-in:`,
    );
    console.log(oneTimePassword);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`user: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
});
