// Operations over what the team learned: action items across postmortems and
// the insights figures (issue 17). Answers are described loosely: their shapes
// are the pages' own (lib/action-items/types.ts, lib/insights/figures.ts).
import { z } from 'zod';
import { actionItemApiParamsSchema } from '@/lib/action-items/schema';
import { insightsApiParamsSchema } from '@/lib/insights/schema';
import { operation } from '../operation';

export const listActionItemsOp = operation({
  id: 'action-item.list',
  method: 'GET',
  path: '/api/v1/action-items',
  tag: 'Learning',
  summary: 'Action items across postmortems, with counts',
  description: "Filters: owner, service, status and overdue=1. Drafts' items only for authors and above.",
  access: 'reader',
  query: actionItemApiParamsSchema,
  responses: {
    200: {
      description: 'Counts by status and overdue, then the items with their incident.',
      schema: z.object({ counts: z.record(z.string(), z.number()), matching: z.number(), items: z.array(z.unknown()) }),
    },
  },
});

export const insightsOp = operation({
  id: 'insights.get',
  method: 'GET',
  path: '/api/v1/insights',
  tag: 'Learning',
  summary: 'The figures of /insights',
  description:
    'Incidents per month and by service, time to detect, mitigate and resolve by severity (median, p90 and every value; minutes), factor categories, action-item completion. Drafts count only for authors and above.',
  access: 'reader',
  query: insightsApiParamsSchema,
  responses: { 200: { description: 'The figures.', schema: z.object({}).passthrough() } },
});
