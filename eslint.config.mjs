import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Import restrictions that build the layers; see the blocks below and decision 020.
const NO_DB = {
  regex: String.raw`^(@/lib/db|(\.\./)+(lib/)?db|\./db)$`,
  message:
    'Only lib/<area>/queries.ts, lib/<area>/mutations.ts (or a named lib/<area>/<part>-queries.ts) and scripts import lib/db.ts; call one of those.',
};
const NO_PRISMA_CLIENT = {
  regex: '^@/lib/generated/prisma/client$',
  message: 'Use lib/<area>/queries.ts; types may come from @/lib/generated/prisma/enums.',
};
const NO_UI = {
  regex: String.raw`^(@/|(\.\./)+)(app|components)/`,
  message: 'lib/ is the domain: it never imports components/ or app/.',
};
const SHARED_AGENT_ONLY = {
  regex: String.raw`^(@/|(\.\./)+)agent/(?!(protocol|argv|signing)$)`,
  message:
    'The app shares only agent/protocol.ts, agent/argv.ts and agent/signing.ts with the host-side agent; its client is lib/agents/client.ts.',
};
const NO_APP_FROM_AGENT = {
  regex: String.raw`^(@/|(\.\./)+(lib|app|components|tests|scripts)/)`,
  message: 'The host-side agent is self-contained; the app imports its shared modules, never the other way round.',
};
const restrict = (...patterns) => ['error', { patterns }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-only imports say so, so a bundler never pulls a server module into a client one for a type (decision 020);
      // `typeof import('x')` stays allowed: vi.mock's importOriginal<...> needs it.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      // One import order everywhere, fixed by `eslint --fix`: node, packages, '@/...', '../', './'.
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          pathGroups: [{ pattern: '@/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
    },
  },
  // Layers (decision 020). Flat config does not merge one rule across blocks: the last block
  // that matches a file sets its whole `no-restricted-imports`, so each block lists every
  // restriction that applies to its files, from the widest to the narrowest.
  { files: ['**/*.{ts,tsx,mjs,js}'], rules: { 'no-restricted-imports': restrict(NO_DB, SHARED_AGENT_ONLY) } },
  {
    files: ['app/**', 'components/**', 'proxy.ts', 'instrumentation.ts'],
    rules: { 'no-restricted-imports': restrict(NO_DB, NO_PRISMA_CLIENT, SHARED_AGENT_ONLY) },
  },
  { files: ['lib/**'], rules: { 'no-restricted-imports': restrict(NO_DB, NO_UI, SHARED_AGENT_ONLY) } },
  {
    files: [
      'lib/*/queries.ts',
      // A reads file split by audience, such as lib/incidents/authoring-queries.ts.
      'lib/*/*-queries.ts',
      'lib/*/mutations.ts',
      // Better Auth's Prisma adapter is handed the app's client where auth is configured.
      'lib/auth/auth.ts',
    ],
    rules: { 'no-restricted-imports': restrict(NO_UI, SHARED_AGENT_ONLY) },
  },
  // The host-side agent runs on other machines from its own folder: it imports nothing of the app.
  { files: ['agent/**'], rules: { 'no-restricted-imports': restrict(NO_APP_FROM_AGENT) } },
  // Tests, benches and scripts drive both sides and open their own clients.
  {
    files: ['scripts/**', 'tests/**', 'e2e/**', '**/*.test.{ts,tsx}', 'agent/bench-*.ts', '*.config.{ts,mjs,js}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  globalIgnores([
    '.next/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    'lib/generated/**',
    '.data/**',
    'test-results/**',
    'playwright-report/**',
  ]),
]);
