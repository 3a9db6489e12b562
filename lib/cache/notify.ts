// Called by every write path inside its transaction: NOTIFY is delivered when
// (and only if) the transaction commits, to every app process listening on the
// database, this one included, and also when the writer is a CLI import or the
// content sync in another process. Local invalidation happens at once as well;
// the caller repeats it after commit (invalidateLocal) so a read that ran
// between this call and the commit cannot leave the old version behind.
import { invalidateLocal } from './process';
import { CACHE_CHANNEL, type CacheTag } from './tags';

type Executor = { $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number> };

export async function notifyChange(tx: Executor, tags: readonly CacheTag[]): Promise<void> {
  invalidateLocal(tags);
  for (const tag of tags) await tx.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${tag})`;
}
