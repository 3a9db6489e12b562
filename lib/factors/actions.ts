'use server';
// Admin-only editing of the factor taxonomy (/admin/factor-categories), through
// lib/actions/pipeline.ts (role admin, refusals audited); each write and its
// audit event share one transaction (./mutations.ts).
import { action } from '@/lib/actions/pipeline';
import { fieldError, type ActionFailure } from '@/lib/actions/result';
import { requestId, type Viewer } from '@/lib/auth/session';
import { createFactorCategory, deleteFactorCategory, updateFactorCategory, type CategoryOutcome } from './mutations';
import { createCategorySchema, deleteCategorySchema, updateCategorySchema } from './schema';

const pages = () => ['/admin/factor-categories', '/insights', '/incidents', '/incidents/new'];
const actorOf = async (viewer: Viewer) => ({ actorId: viewer.id, requestId: await requestId() });

function refusal(outcome: Exclude<CategoryOutcome, { ok: true }>, values?: Record<string, string>): ActionFailure {
  const keep = values ? { values } : {};
  switch (outcome.reason) {
    case 'taken':
      return fieldError('slug', 'A category with this slug exists already.', values);
    case 'missing':
      return { ok: false, error: 'This category was deleted meanwhile; reload the page.', ...keep };
    case 'stale':
      return {
        ok: false,
        error: `Someone renamed this category meanwhile, to "${outcome.current}". Reload the page and apply your change again.`,
        ...keep,
      };
    case 'in-use':
      return {
        ok: false,
        error: `In use by ${outcome.factors} contributing factor(s) and ${outcome.incidents} incident trigger(s): recategorize them first.`,
        ...keep,
      };
  }
}

export const createFactorCategoryAction = action({
  name: 'factor-category.create',
  role: 'admin',
  input: 'form',
  schema: createCategorySchema,
  handler: async ({ slug, label }, { viewer, values }) => {
    const outcome = await createFactorCategory(slug, label, await actorOf(viewer));
    return outcome.ok ? { ok: true as const, slug } : refusal(outcome, values);
  },
  revalidate: pages,
});

export const updateFactorCategoryAction = action({
  name: 'factor-category.update',
  role: 'admin',
  input: 'form',
  schema: updateCategorySchema,
  handler: async ({ slug, label, previousLabel, position }, { viewer, values }) => {
    const outcome = await updateFactorCategory(slug, label, previousLabel, position, await actorOf(viewer));
    return outcome.ok ? { ok: true as const, slug } : refusal(outcome, values);
  },
  revalidate: pages,
});

export const deleteFactorCategoryAction = action({
  name: 'factor-category.delete',
  role: 'admin',
  input: 'form',
  schema: deleteCategorySchema,
  handler: async ({ slug }, { viewer, values }) => {
    const outcome = await deleteFactorCategory(slug, await actorOf(viewer));
    return outcome.ok ? { ok: true as const, slug } : refusal(outcome, values);
  },
  revalidate: pages,
});
