import { Badge, type BadgeTone } from '@/components/ui/Badge';
import type { ActionItemStatus, IncidentStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';

const severityTone: Record<Severity, BadgeTone> = { SEV1: 'red', SEV2: 'orange', SEV3: 'amber', SEV4: 'slate' };
const severityMeaning: Record<Severity, string> = {
  SEV1: 'Critical: major outage',
  SEV2: 'High: significant degradation',
  SEV3: 'Moderate: limited impact',
  SEV4: 'Low: minor impact',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={severityTone[severity]} title={severityMeaning[severity]}>
      {severity}
    </Badge>
  );
}

const statusTone: Record<IncidentStatus, BadgeTone> = {
  draft: 'slate',
  investigating: 'amber',
  mitigated: 'blue',
  resolved: 'green',
};
const statusLabel: Record<IncidentStatus, string> = {
  draft: 'Draft',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge tone={statusTone[status]}>{statusLabel[status]}</Badge>;
}

const rootCauseTone: Record<RootCause, BadgeTone> = { known: 'green', suspected: 'amber', unknown: 'slate' };

export function RootCauseBadge({ rootCause }: { rootCause: RootCause }) {
  return <Badge tone={rootCauseTone[rootCause]}>Root cause {rootCause}</Badge>;
}

export const timelineKindTone: Record<TimelineKind, BadgeTone> = {
  detection: 'red',
  diagnosis: 'violet',
  action: 'blue',
  communication: 'teal',
  recovery: 'green',
  evidence: 'amber',
};

export function TimelineKindBadge({ kind }: { kind: TimelineKind }) {
  return <Badge tone={timelineKindTone[kind]}>{kind[0]?.toUpperCase() + kind.slice(1)}</Badge>;
}

const actionTone: Record<ActionItemStatus, BadgeTone> = {
  open: 'amber',
  in_progress: 'blue',
  done: 'green',
  wont_do: 'slate',
};
const actionLabel: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: 'Won’t do',
};

export function ActionItemStatusBadge({ status }: { status: ActionItemStatus }) {
  return <Badge tone={actionTone[status]}>{actionLabel[status]}</Badge>;
}
