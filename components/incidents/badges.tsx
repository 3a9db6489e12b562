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

/** A badge's colour and words, for enums whose label is not the value itself. */
type Look = { tone: BadgeTone; label: string };

const statusLook: Record<IncidentStatus, Look> = {
  investigating: { tone: 'amber', label: 'Investigating' },
  mitigated: { tone: 'blue', label: 'Mitigated' },
  resolved: { tone: 'green', label: 'Resolved' },
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge tone={statusLook[status].tone}>{statusLook[status].label}</Badge>;
}

const rootCauseTone: Record<RootCause, BadgeTone> = { known: 'green', suspected: 'amber', unknown: 'slate' };

/** Beside the status, never instead of it: a draft may already be mitigated (docs/decisions/031). */
export function DraftBadge() {
  return <Badge tone="slate">Draft</Badge>;
}

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

const actionLook: Record<ActionItemStatus, Look> = {
  open: { tone: 'amber', label: 'Open' },
  in_progress: { tone: 'blue', label: 'In progress' },
  done: { tone: 'green', label: 'Done' },
  wont_do: { tone: 'slate', label: 'Won’t do' },
};

export function ActionItemStatusBadge({ status }: { status: ActionItemStatus }) {
  return <Badge tone={actionLook[status].tone}>{actionLook[status].label}</Badge>;
}
