import { Badge, type BadgeTone } from '@/components/ui/Badge';
import type { CheckRunStatus } from '@/lib/generated/prisma/enums';

const look: Record<CheckRunStatus, { tone: BadgeTone; label: string }> = {
  queued: { tone: 'slate', label: 'Queued' },
  running: { tone: 'blue', label: 'Running' },
  passed: { tone: 'green', label: 'Passed' },
  failed: { tone: 'red', label: 'Failed' },
  timed_out: { tone: 'orange', label: 'Timed out' },
  error: { tone: 'amber', label: 'Error' },
  awaiting_approval: { tone: 'violet', label: 'Awaiting approval' },
  cancelled: { tone: 'slate', label: 'Cancelled (expired)' },
  rejected: { tone: 'slate', label: 'Rejected' },
};

export function RunStatusBadge({ status }: { status: CheckRunStatus }) {
  const { tone, label } = look[status];
  return <Badge tone={tone}>{label}</Badge>;
}
