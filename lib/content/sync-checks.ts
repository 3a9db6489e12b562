// Catalog checks and the runbook -> check links made by `check` fences.
import { notifyChange } from '@/lib/cache/notify';
import { checkFencesIn } from '@/lib/checks/fence';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ContentError, type ParsedCheck } from './parse';

type Tx = Prisma.TransactionClient;

export async function syncCheck(tx: Tx, _file: string, { data, description, hash }: ParsedCheck) {
  const existing = await tx.check.findUnique({ where: { slug: data.slug }, select: { id: true, contentHash: true } });
  if (existing?.contentHash === hash) return 'unchanged' as const;
  const fields = {
    title: data.title,
    description,
    argv: data.argv,
    params: data.params,
    expectKind: data.expect.kind,
    expectValue: String(data.expect.value),
    readOnly: data.readOnly,
    approvalRequired: data.approval === 'required',
    timeoutMs: data.timeoutMs,
    targetRole: data.targetRole ?? null,
    contentHash: hash,
  };
  if (existing) await tx.check.update({ where: { id: existing.id }, data: fields });
  else await tx.check.create({ data: { slug: data.slug, ...fields } });
  await notifyChange(tx, ['checks']);
  return existing ? ('updated' as const) : ('created' as const);
}

/** Replaces a runbook's check links with the checks its `check` fences name. */
export async function linkRunbookChecks(tx: Tx, file: string, runbookId: string, body: string) {
  const fences = checkFencesIn(body);
  const bad = fences.find((f) => 'error' in f);
  if (bad && 'error' in bad) throw new ContentError(file, 'body', `check fence on line ${bad.line}: ${bad.error}`);
  const slugs = [...new Set(fences.flatMap((f) => ('slug' in f ? [f.slug] : [])))];
  const checks = await tx.check.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const unknown = slugs.filter((slug) => !checks.some((c) => c.slug === slug));
  if (unknown.length) throw new ContentError(file, 'body', `unknown check slug(s) in check fences: ${unknown.join(', ')}`);
  await tx.runbookCheck.deleteMany({ where: { runbookId } });
  await tx.runbookCheck.createMany({ data: checks.map((c) => ({ runbookId, checkId: c.id })) });
}

