'use server';
// Admin-only editing of the search synonyms (/admin/synonyms). Each action runs
// through lib/actions/pipeline.ts (role 'admin' checked, refusals audited); the
// write, its audit event and the cache notification share one transaction (./mutations.ts).
import { action } from '@/lib/actions/pipeline';
import { fieldError, type ActionFailure } from '@/lib/actions/result';
import { requestId } from '@/lib/auth/session';
import type { Viewer } from '@/lib/auth/session';
import { createSynonymGroup, deleteSynonymGroup, updateSynonymGroup, type WriteOutcome } from './mutations';
import { createGroupSchema, deleteGroupSchema, GROUPS_MAX, updateGroupSchema } from './schema';

const pages = () => ['/admin/synonyms', '/search'];

const actorOf = async (viewer: Viewer) => ({ actorId: viewer.id, requestId: await requestId() });

/** What the form shows for a refused write; a stale form gets the current terms back to compare. */
function refusal(
  outcome: Exclude<WriteOutcome, { ok: true }>,
  values?: Record<string, string>,
): ActionFailure<{ current: { terms: string[]; version: number } }> {
  switch (outcome.reason) {
    case 'taken':
      return fieldError('terms', `"${outcome.term}" is already in the group ${outcome.otherGroup.join(', ')}.`, values);
    case 'full':
      return {
        ok: false,
        error: `There are ${GROUPS_MAX} groups already, the most the search holds; merge or delete some first.`,
        ...(values ? { values } : {}),
      };
    case 'missing':
      return { ok: false, error: 'This group was deleted meanwhile; reload the page.', ...(values ? { values } : {}) };
    case 'stale':
      return {
        ok: false,
        error: `Someone changed this group meanwhile; it is now: ${outcome.current.terms.join(', ')}. Reload the page and apply your change again.`,
        fieldErrors: { terms: ['Changed by someone else since you loaded the page.'] },
        current: outcome.current,
        ...(values ? { values } : {}),
      };
  }
}

export const createSynonymGroupAction = action({
  name: 'synonym.create',
  role: 'admin',
  input: 'form',
  schema: createGroupSchema,
  handler: async ({ terms }, { viewer, values }) => {
    const outcome = await createSynonymGroup(terms, await actorOf(viewer));
    return outcome.ok ? { ok: true as const, id: outcome.id } : refusal(outcome, values);
  },
  revalidate: pages,
});

export const updateSynonymGroupAction = action({
  name: 'synonym.update',
  role: 'admin',
  input: 'form',
  schema: updateGroupSchema,
  handler: async ({ groupId, version, terms }, { viewer, values }) => {
    const outcome = await updateSynonymGroup(groupId, version, terms, await actorOf(viewer));
    return outcome.ok ? { ok: true as const, id: outcome.id } : refusal(outcome, values);
  },
  revalidate: pages,
});

export const deleteSynonymGroupAction = action({
  name: 'synonym.delete',
  role: 'admin',
  input: 'form',
  schema: deleteGroupSchema,
  handler: async ({ groupId, version }, { viewer, values }) => {
    const outcome = await deleteSynonymGroup(groupId, version, await actorOf(viewer));
    return outcome.ok ? { ok: true as const, id: outcome.id } : refusal(outcome, values);
  },
  revalidate: pages,
});
