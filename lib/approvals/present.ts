// An approval request as the JSON API answers it: dates as ISO strings.
import type { ApprovalView } from './queries';

export const presentApproval = (a: ApprovalView) => ({
  ...a,
  decidedAt: a.decidedAt?.toISOString() ?? null,
  expiresAt: a.expiresAt.toISOString(),
  createdAt: a.createdAt.toISOString(),
});
