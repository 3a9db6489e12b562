import { defineConfig } from 'prisma/config';

// DATABASE_URL may be unset (embedded mode, `prisma generate` at install time):
// the CLI only needs it for commands that talk to a database.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
