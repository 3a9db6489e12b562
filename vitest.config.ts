import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  'server-only': path.resolve(import.meta.dirname, 'tests/empty-module.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'components/**/*.test.ts', 'agent/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // The tests' agents listen on loopback, which production refuses (lib/agents/address.ts).
          env: { AGENT_ALLOW_LOOPBACK: 'true' },
          globalSetup: ['./tests/corpora.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts', 'scripts/**/*.int.test.ts'],
          environment: 'node',
          env: { AGENT_ALLOW_LOOPBACK: 'true' },
          globalSetup: ['./tests/corpora.ts', './tests/integration-setup.ts'],
          // One database for the whole run: files must not race on it.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
