// The layer rules of decision 020 are ESLint errors: each case below breaks (or
// keeps) one rule in a file at the path given, and the linter must say so.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const useDb = "import { db } from '@/lib/db';\nexport const x = db;\n";

describe('layers (eslint.config.mjs)', { timeout: 60_000 }, () => {
  it('only queries, mutations, scripts and tests import lib/db.ts', async () => {
    expect(await restricted('lib/hosts/actions.ts', useDb)).toEqual([
      expect.stringContaining('Only lib/<area>/queries.ts, lib/<area>/mutations.ts'),
    ]);
    expect(await restricted('components/probe.tsx', "import { db } from '../lib/db';\nexport const x = db;\n")).toHaveLength(1);
    expect(await restricted('app/probe/page.tsx', useDb)).toHaveLength(1);
    // Only a reads file named <part>-queries.ts beside queries.ts: not any name that ends in "queries".
    for (const refused of ['lib/incidents/selects.ts', 'lib/incidents/queries-helpers.ts', 'lib/incidents/sub/queries.ts']) {
      expect(await restricted(refused, useDb), refused).toHaveLength(1);
    }
    for (const allowed of [
      'lib/hosts/queries.ts',
      'lib/incidents/authoring-queries.ts',
      'lib/hosts/mutations.ts',
      'scripts/probe.ts',
      'lib/hosts/probe.int.test.ts',
    ]) {
      expect(await restricted(allowed, useDb), allowed).toEqual([]);
    }
  });

  it('lib/ never imports components/ or app/', async () => {
    expect(
      await restricted('lib/incidents/probe.ts', "import { Field } from '@/components/forms/Field';\nexport const x = Field;\n"),
    ).toEqual([expect.stringContaining('never imports components/ or app/')]);
    expect(
      await restricted('lib/incidents/probe.ts', "import * as page from '../../app/page';\nexport const x = page;\n"),
    ).toHaveLength(1);
  });

  it('the app shares only protocol, argv and signing with the host-side agent', async () => {
    expect(
      await restricted(
        'lib/checks/probe.ts',
        "import { createAgentServer } from '@/agent/server';\nexport const x = createAgentServer;\n",
      ),
    ).toEqual([expect.stringContaining('lib/agents/client.ts')]);
    for (const shared of ['protocol', 'argv', 'signing']) {
      expect(
        await restricted('lib/checks/probe.ts', `import * as m from '@/agent/${shared}';\nexport const x = m;\n`),
        shared,
      ).toEqual([]);
    }
  });

  it('the host-side agent imports nothing of the app', async () => {
    expect(
      await restricted('agent/probe.ts', "import { runOnAgent } from '../lib/agents/client';\nexport const x = runOnAgent;\n"),
    ).toEqual([expect.stringContaining('self-contained')]);
  });
});
