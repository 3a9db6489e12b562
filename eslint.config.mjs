import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-only imports say so, so a bundler never pulls a server module into a client one for a type (decision 020);
      // `typeof import('x')` stays allowed: vi.mock's importOriginal<...> needs it.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
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
  {
    // House rule: only queries.ts, actions.ts and scripts talk to the database.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db', '**/lib/db'], message: 'Pages and components read through lib/<area>/queries.ts.' },
            { group: ['@/lib/generated/prisma/client'], message: 'Use lib/<area>/queries.ts; types may come from @/lib/generated/prisma/enums.' },
          ],
        },
      ],
    },
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'lib/generated/**', '.data/**', 'test-results/**', 'playwright-report/**']),
]);
