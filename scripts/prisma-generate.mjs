// Runs `prisma generate` at install time without the native schema engine.
// Prisma 7's CLI wants to download a schema-engine binary it does not need for
// generate; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that
// download (see docs/decisions/001-prisma-offline-migrations.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
