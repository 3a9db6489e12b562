// A launch's runs as a JSON or CSV download: one row per host, every field an
// operator pastes into a ticket or a spreadsheet. Pure, so the quoting is tested.
import type { RunView } from './types';

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = [
  'host_name',
  'host_id',
  'status',
  'exit_code',
  'verdict',
  'duration_ms',
  'started_at',
  'finished_at',
  'stdout',
  'stderr',
  'message',
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

export function exportRow(run: RunView): ExportRow {
  return {
    host_name: run.hostName,
    host_id: run.hostId,
    status: run.status,
    exit_code: run.exitCode,
    verdict: run.verdict,
    duration_ms: run.durationMs,
    // Null for a run that never reached its agent; created_at would claim a start that did not happen.
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    stdout: run.stdout,
    stderr: run.stderr,
    message: run.message,
  };
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula: a host's output must never become one (CSV injection). A leading single
 * quote makes the cell text; OWASP's advice.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; formula starts defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(runs: RunView[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const run of runs) {
    const row = exportRow(run);
    lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  // CRLF line ends, as RFC 4180 and spreadsheet importers expect; newlines inside cells stay as printed.
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(batchId: string, runs: RunView[]): string {
  const first = runs[0];
  return JSON.stringify(
    {
      batchId,
      check: first ? { slug: first.checkSlug, title: first.checkTitle, argv: first.argv, params: first.params } : null,
      runs: runs.map(exportRow),
    },
    null,
    2,
  );
}

/** A file name that says what and when, safe in a header: the launch id is a UUID. */
export function exportFileName(batchId: string, checkSlug: string | undefined, format: ExportFormat): string {
  const slug = (checkSlug ?? 'check').replace(/[^a-z0-9-]/gi, '');
  return `${slug}-launch-${batchId.slice(0, 8)}.${format}`;
}
