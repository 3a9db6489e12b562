// Shapes the runbook pages render; plain data, safe for components to import.
import type { Severity } from '@/lib/generated/prisma/enums';
import type { RunbookRendering } from '@/lib/markdown/stored';

export type RunbookListRow = {
  slug: string;
  title: string;
  summary: string;
  services: string[];
  tags: string[];
  /** Published incidents that link to this runbook. */
  incidentCount: number;
  reviewedAt: Date | null;
  reviewEveryDays: number | null;
  /** Scheduled verification: failing since when, and when the next one is due (null: not scheduled). */
  verifyFailingSince: Date | null;
  verifyNextAt: Date | null;
};

export type RunbookDetail = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  owner: string | null;
  reviewedAt: Date | null;
  /** Who marked it reviewed in the app; null when the date came from the content file. */
  reviewedBy: string | null;
  reviewEveryDays: number | null;
  /** For "Mark reviewed": refused when the runbook changed since the page was read. */
  version: number;
  services: string[];
  tags: string[];
  incidents: { slug: string; title: string; severity: Severity; startedAt: Date; timezone: string }[];
  /** The body as stored HTML: a page view never parses markdown. */
  rendered: RunbookRendering;
};
