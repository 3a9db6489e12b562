// Bulk registration from an inventory file: upsert by name, all or nothing.
// The same function previews (apply: false) and applies, so what the preview
// shows is what applying does; applying re-checks everything inside one
// transaction and writes nothing when any row has an error.
//
// Takes the Prisma client as an argument: the server action passes the app's,
// `npm run hosts -- import` and the integration tests their own.
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import { parseInventory, type InventoryFormat, type InventoryHost } from './inventory';
import { sameLabels, storedLabels } from './labels';
import { openSecret, sealSecret } from './secret-box';
import { resolveSecretRef, type SecretRefPolicy } from './secret-ref';

/** An import of the most hosts, each changed, on a busy database; far above the seconds it takes. */
const IMPORT_TX_TIMEOUT_MS = 120_000;
/** Waiting for a connection to start the transaction. */
const IMPORT_TX_MAX_WAIT_MS = 10_000;

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'error';
/** One row of the report. `changes` names fields, never values: the secret is only ever "secret". */
export type ImportRowReport = { line: number; name: string | null; outcome: RowOutcome; changes: string[]; errors: string[] };
export type ImportCounts = { created: number; updated: number; unchanged: number; errors: number };
export type ImportReport = {
  /** True once written; a preview, or an import with any error, writes nothing. */
  applied: boolean;
  /** A problem with the whole file (unreadable, too big, no hosts); then `rows` is empty. */
  error?: string;
  rows: ImportRowReport[];
  counts: ImportCounts;
};

type Stored = { id: string; name: string; role: string; agentUrl: string; labels: unknown; secretSealed: string };
type Planned = { line: number; host: InventoryHost; secret?: string; stored?: Stored; changes: string[] };

const noCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, errors: 0 });

export async function importInventory(
  db: PrismaClient,
  text: string,
  format: InventoryFormat,
  opts: { policy: SecretRefPolicy; apply: boolean },
): Promise<ImportReport> {
  const parsed = parseInventory(text, format);
  if (!parsed.ok) return { applied: false, error: parsed.error, rows: [], counts: noCounts() };

  // Secrets are read before the transaction (files, environment); one read per distinct reference.
  const resolved = new Map<string, ReturnType<typeof resolveSecretRef>>();
  const rows = parsed.rows.map((row) => {
    const errors = [...row.errors];
    let secret: string | undefined;
    const ref = row.host?.secretRef;
    if (ref) {
      if (!resolved.has(ref)) resolved.set(ref, resolveSecretRef(ref, opts.policy));
      const r = resolved.get(ref)!;
      if (r.ok) secret = r.secret;
      else errors.push(`secret: ${r.error}`);
    }
    return { line: row.line, host: row.host, secret, errors };
  });

  const plan = async (client: Prisma.TransactionClient | PrismaClient): Promise<ImportReport> => {
    const names = rows.flatMap((r) => (r.host ? [r.host.name] : []));
    const stored = new Map(
      (
        await client.host.findMany({
          where: { name: { in: names } },
          select: { id: true, name: true, role: true, agentUrl: true, labels: true, secretSealed: true },
        })
      ).map((h) => [h.name, h]),
    );
    const report: ImportRowReport[] = [];
    const planned: Planned[] = [];
    for (const row of rows) {
      const name = row.host?.name ?? null;
      const existing = name ? stored.get(name) : undefined;
      const errors = [...row.errors];
      if (row.host && !existing && !row.host.secretRef)
        errors.push('secret: a new host needs a secret reference (env:NAME or file:/path).');
      if (errors.length || !row.host) {
        report.push({ line: row.line, name, outcome: 'error', changes: [], errors });
        continue;
      }
      const changes = existing ? changedFields(existing, row.host, row.secret) : [];
      planned.push({ line: row.line, host: row.host, secret: row.secret, stored: existing, changes });
      report.push({
        line: row.line,
        name,
        outcome: !existing ? 'created' : changes.length ? 'updated' : 'unchanged',
        changes,
        errors: [],
      });
    }
    const counts = noCounts();
    for (const r of report) counts[r.outcome === 'error' ? 'errors' : r.outcome]++;
    if (!opts.apply || counts.errors > 0) return { applied: false, rows: report, counts };

    const creates = planned.filter((p) => !p.stored);
    if (creates.length) {
      // One INSERT for every new host.
      await client.host.createMany({
        data: creates.map(({ host, secret }) => ({
          name: host.name,
          role: host.role,
          agentUrl: host.agentUrl,
          labels: host.labels ?? {},
          secretSealed: sealSecret(secret!),
        })),
      });
    }
    for (const p of planned) {
      if (!p.stored || p.changes.length === 0) continue;
      await client.host.update({
        where: { id: p.stored.id },
        data: {
          role: p.host.role,
          agentUrl: p.host.agentUrl,
          ...(p.host.labels ? { labels: p.host.labels } : {}),
          ...(p.changes.includes('secret') ? { secretSealed: sealSecret(p.secret!) } : {}),
        },
      });
    }
    return { applied: true, rows: report, counts };
  };

  if (!opts.apply) return plan(db);
  try {
    return await db.$transaction(plan, { timeout: IMPORT_TX_TIMEOUT_MS, maxWait: IMPORT_TX_MAX_WAIT_MS });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      return {
        applied: false,
        error: 'A host in the inventory was registered by someone else during the import; nothing was applied. Preview again.',
        rows: [],
        counts: noCounts(),
      };
    }
    throw err;
  }
}

/** What the inventory changes on a stored host. Absent labels or secret keep what is stored. */
function changedFields(stored: Stored, host: InventoryHost, secret: string | undefined): string[] {
  const changes: string[] = [];
  if (stored.role !== host.role) changes.push('role');
  if (stored.agentUrl !== host.agentUrl) changes.push('agent_url');
  if (host.labels && !sameLabels(storedLabels(stored.labels), host.labels)) changes.push('labels');
  if (secret !== undefined && !sameSecret(stored.secretSealed, secret)) changes.push('secret');
  return changes;
}

/** A stored secret that no longer opens (the key changed) is replaced, not compared. */
function sameSecret(sealed: string, secret: string): boolean {
  try {
    return openSecret(sealed) === secret;
  } catch {
    return false;
  }
}
