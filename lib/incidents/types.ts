// Shapes the incident pages render. Plain data with no Prisma types, so
// components can import them without reaching for the generated client.
import type { ActionItemStatus, IncidentStatus, RootCause, Severity, TimelineKind } from '@/lib/generated/prisma/enums';
import type { IncidentRendering } from '@/lib/markdown/stored';

export type IncidentListRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  severity: Severity;
  status: IncidentStatus;
  timezone: string;
  startedAt: Date;
  resolvedAt: Date | null;
  services: string[];
};

export type IncidentListResult = {
  rows: IncidentListRow[];
  total: number;
  /** The page actually shown: a page past the end is moved back to the last one. */
  page: number;
  pageSize: number;
};

export type FacetCount<T> = { value: T; count: number; label?: string };

export type IncidentFacets = {
  services: FacetCount<string>[];
  tags: FacetCount<string>[];
  years: FacetCount<number>[];
  severities: FacetCount<Severity>[];
  /** Factor categories (decision 032), with their labels. */
  categories: FacetCount<string>[];
};

export type HomeStats = {
  incidents: number;
  runbooks: number;
  services: number;
  /** Action items still to do: open or in progress. */
  openActionItems: number;
};

export type IncidentDetail = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  severity: Severity;
  status: IncidentStatus;
  /** Seen only by authors and above (docs/decisions/031). */
  draft: boolean;
  rootCause: RootCause;
  timezone: string;
  /** Only a draft may lack it. */
  startedAt: Date | null;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  impact: string;
  lessons: string;
  narrative: string;
  author: string | null;
  sourceUrl: string | null;
  updatedAt: Date;
  services: string[];
  tags: string[];
  symptoms: { id: string; text: string }[];
  timeline: { id: string; at: Date; kind: TimelineKind; text: string; checkRunId: string | null }[];
  /** The trigger's slug (lib/incidents/selects.ts) and its category with its label. */
  trigger: string | null;
  triggerCategory: { slug: string; label: string } | null;
  factors: { id: string; title: string; detail: string; categoryRef: { slug: string; label: string } | null }[];
  steps: { id: string; text: string; command: string | null; checkSlug: string | null }[];
  actionItems: { id: string; text: string; owner: string | null; due: Date | null; status: ActionItemStatus }[];
  runbooks: { slug: string; title: string; summary: string }[];
  /** narrative, lessons and step commands as stored HTML: a page view never parses markdown. */
  rendered: IncidentRendering;
};
