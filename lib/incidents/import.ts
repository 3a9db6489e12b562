// Reads an uploaded incident file: the content format, every problem reported by field.
import { ContentError, splitFrontmatter } from '@/lib/content/parse';
import { incidentDocumentSchema, type IncidentDocument } from '@/lib/content/schema';
import { fieldErrorsOf } from './form';

/** Largest upload: a narrative at its limit plus full lists fits well within it. */
export const IMPORT_FILE_MAX = 2_000_000;

export type ParsedUpload = { ok: true; document: IncidentDocument } | { ok: false; fieldErrors: Record<string, string[]> };

export function parseUpload(source: string): ParsedUpload {
  let split: { data: unknown; body: string };
  try {
    split = splitFrontmatter('upload', source);
  } catch (err) {
    return { ok: false, fieldErrors: { file: [err instanceof ContentError ? err.message.replace(/^upload: /, '') : 'Unreadable file.'] } };
  }
  const data = split.data && typeof split.data === 'object' ? split.data : {};
  const parsed = incidentDocumentSchema.safeParse({ ...data, narrative: split.body });
  return parsed.success ? { ok: true, document: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}
