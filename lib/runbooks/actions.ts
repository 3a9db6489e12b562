'use server';
// "Mark reviewed" (authors and above), through lib/actions/pipeline.ts.
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { markRunbookReviewed } from './mutations';
import { markReviewedSchema } from './schema';

export const markReviewed = action({
  name: 'runbook.review',
  role: 'author',
  input: 'form',
  schema: markReviewedSchema,
  handler: async ({ runbookId, version }, { viewer }): Promise<ActionResult<{ slug: string; version: number }>> => {
    const result = await markRunbookReviewed(runbookId, version, viewer.id);
    const target = { action: 'runbook.review', targetType: 'runbook', targetId: runbookId } as const;
    if (!result.ok) {
      await audit(viewer, { ...target, outcome: 'failure', details: { reason: result.reason, version } });
      return result.reason === 'missing'
        ? { ok: false, error: 'This runbook no longer exists.' }
        : { ok: false, error: 'The runbook changed since you opened it; reload the page and review it again.' };
    }
    await audit(viewer, { ...target, outcome: 'success', details: { slug: result.slug, version: result.version } });
    return { ok: true, slug: result.slug, version: result.version };
  },
  revalidate: (result) => ['/runbooks', `/runbooks/${result.slug}`],
});
