// Loads content/synonyms.yaml into the synonym_groups table when the table is
// empty and no admin has ever edited it: the file is the default list, the
// table is what admins edit at /admin/synonyms, so a later sync (every
// `npm start`) never overwrites their edits, nor brings back groups they deleted.
// The audit trail is append-only, so "ever edited" cannot be forgotten.
import { readFile } from 'node:fs/promises';
import { notifyChange } from '@/lib/cache/notify';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseSynonymsFile } from './file';

type Tx = Prisma.TransactionClient;

/** The audit action prefix of every admin edit (lib/synonyms/actions.ts). */
export const SYNONYM_AUDIT_PREFIX = 'synonym.';

/** 'created' when the defaults were loaded, 'unchanged' when the table is the admins' already, 'absent' without a file. */
export async function syncSynonyms(tx: Tx, file: string): Promise<'created' | 'unchanged' | 'absent'> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return 'absent';
  const groups = parseSynonymsFile(text);
  // Two instances starting together must not both load the defaults.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pmkb_synonym_groups'))`;
  if ((await tx.synonymGroup.count()) > 0) return 'unchanged';
  const edited = await tx.auditEvent.count({ where: { action: { startsWith: SYNONYM_AUDIT_PREFIX }, outcome: 'success' } });
  if (edited > 0) return 'unchanged';
  await tx.synonymGroup.createMany({ data: groups.map((terms) => ({ terms })) });
  await notifyChange(tx, ['synonyms']);
  return 'created';
}
