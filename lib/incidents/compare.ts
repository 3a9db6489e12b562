// Field-by-field comparison of two versions of the form, for the conflict screen.
import type { IncidentForm } from './form';

export const FORM_FIELD_LABELS: Record<Exclude<keyof IncidentForm, 'draft'>, string> = {
  slug: 'Slug',
  title: 'Title',
  summary: 'Summary',
  severity: 'Severity',
  status: 'Status',
  timezone: 'Time zone',
  startedAt: 'Started',
  detectedAt: 'Detected',
  mitigatedAt: 'Mitigated',
  resolvedAt: 'Resolved',
  author: 'Written by',
  source: 'Source URL',
  rootCause: 'Root cause',
  trigger: 'Trigger',
  impact: 'Impact',
  lessons: 'Lessons',
  narrative: 'Narrative',
  services: 'Affected services',
  tags: 'Tags',
  symptoms: 'Symptoms',
  timeline: 'Timeline',
  contributingFactors: 'Contributing factors',
  resolutionSteps: 'Resolution steps',
  actionItems: 'Action items',
  runbooks: 'Linked runbooks',
};

/** A field as readable text: one line per row, row fields joined by " · ". */
export function fieldText(form: IncidentForm, field: keyof typeof FORM_FIELD_LABELS): string {
  const value = form[field];
  if (!Array.isArray(value)) return String(value);
  return value
    .map((row) =>
      typeof row === 'string'
        ? row
        : Object.entries(row)
            .filter(([k, v]) => k !== 'key' && v !== '')
            .map(([, v]) => v)
            .join(' · '),
    )
    .join('\n');
}

export type FieldDifference = { field: keyof typeof FORM_FIELD_LABELS; label: string; mine: string; current: string };

export function differingFields(mine: IncidentForm, current: IncidentForm): FieldDifference[] {
  return (Object.keys(FORM_FIELD_LABELS) as (keyof typeof FORM_FIELD_LABELS)[]).flatMap((field) => {
    const a = fieldText(mine, field);
    const b = fieldText(current, field);
    return a === b ? [] : [{ field, label: FORM_FIELD_LABELS[field], mine: a, current: b }];
  });
}
