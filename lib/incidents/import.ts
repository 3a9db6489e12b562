// Reads an uploaded incident file: the content format, every problem reported by field.
import { fieldErrorsOf } from '@/lib/actions/result';
import { ContentError, splitFrontmatter } from '@/lib/content/parse';
import { incidentDocumentSchema, type IncidentDocument } from '@/lib/content/schema';

/** Largest upload: a narrative at its limit plus full lists fits well within it. */
export const IMPORT_FILE_MAX = 2_000_000;

export type ParsedUpload = { ok: true; document: IncidentDocument } | { ok: false; fieldErrors: Record<string, string[]> };

export function parseUpload(source: string): ParsedUpload {
  let split: { data: Record<string, unknown>; body: string };
  try {
    // The one content-format reader: YAML front matter only (`---js` and the like are refused).
    split = splitFrontmatter('upload', source);
  } catch (err) {
    if (!(err instanceof ContentError)) return { ok: false, fieldErrors: { file: ['Unreadable file.'] } };
    return { ok: false, fieldErrors: { [err.field || 'file']: [err.detail] } };
  }
  const parsed = incidentDocumentSchema.safeParse({ ...split.data, narrative: split.body });
  return parsed.success ? { ok: true, document: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}
