// Four-eyes approvals in the JSON API (lib/approvals).
import { z } from 'zod';
import { approvalId, approvalReason } from '@/lib/approvals/schema';
import { ApprovalStatus } from '@/lib/generated/prisma/enums';
import { operation } from '../operation';

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const approvalItem = z.object({
  id: z.string(),
  batchId: z.string().meta({ description: 'The runs: GET /api/v1/check-runs/{batchId}.' }),
  check: z.object({ slug: z.string(), title: z.string() }),
  argv: z.array(z.string()).meta({ description: 'Exactly what will be asked of each agent.' }),
  hosts: z.array(z.object({ id: z.string(), name: z.string() })),
  params: z.record(z.string(), z.string()),
  reason: z.string(),
  requestedBy: person,
  status: z.enum(ApprovalStatus),
  decidedBy: person,
  decidedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  breakGlass: z.boolean().meta({ description: 'An admin approved their own request under APPROVAL_BREAK_GLASS.' }),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});

export const approvalParams = z.object({ id: approvalId }).strict();
export const decisionBody = z.object({ reason: approvalReason.optional() }).strict();
export const decisionResponse = z.object({
  id: z.string(),
  status: z.enum(['approved', 'rejected']),
  batchId: z.string(),
  breakGlass: z.boolean(),
});

export const listApprovalsOp = operation({
  id: 'approval.list',
  method: 'GET',
  path: '/api/v1/approvals',
  tag: 'Approvals',
  summary: 'Approval requests',
  description: 'Newest first, or oldest first for `status=pending`; at most 100.',
  access: 'operator',
  query: z.object({ status: z.enum(ApprovalStatus).optional() }).strict(),
  responses: { 200: { description: 'The requests.', schema: z.object({ items: z.array(approvalItem) }) } },
});

const decideOp = (decision: 'approve' | 'reject') =>
  operation({
    id: `approval.${decision}`,
    method: 'POST',
    path: `/api/v1/approvals/{id}/${decision}`,
    tag: 'Approvals',
    summary: decision === 'approve' ? 'Approve a request: its runs are queued and run' : 'Reject a request: its runs never run',
    description:
      'A different user with the operator role or higher decides; the requester gets 403 whatever their role ' +
      '(an admin may approve their own request only when APPROVAL_BREAK_GLASS=true, with a reason). ' +
      `Audited as approval.${decision}.`,
    access: 'operator',
    params: approvalParams,
    body: decisionBody,
    responses: { 200: { description: 'Decided.', schema: decisionResponse } },
    errors: { 404: 'No such request.', 409: 'Already decided, or expired.' },
  });

export const approveOp = decideOp('approve');
export const rejectOp = decideOp('reject');
