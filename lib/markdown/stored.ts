// Markdown rendered once, when it is written, and kept beside its source in a
// JSON column (incidents.rendered, runbooks.rendered), so a page view reads
// HTML instead of parsing markdown. docs/decisions/013-bounded-markdown-rendered-on-write.md
//
// Each stored rendering names the renderer version and a hash of the sources it
// came from. A page that finds no rendering, an older renderer's, or one whose
// sources changed behind our back (a raw SQL load, a test) renders once and
// stores the result: the backfill for rows written before this column existed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fencedCode } from '@/lib/format/text';
import { renderMarkdown, type RenderedMarkdown, type SanitizedHtml } from './render';

/** Bump whenever renderMarkdown's output changes, so stored HTML is rendered again on its next view. */
export const RENDER_VERSION = 2;

export type IncidentRendering = {
  narrative: RenderedMarkdown | null;
  lessons: RenderedMarkdown | null;
  /** Each resolution step's command as a highlighted bash block, by step position. */
  commands: (SanitizedHtml | null)[];
};
export type RunbookRendering = { body: RenderedMarkdown };

export type IncidentSources = { narrative: string; lessons: string; commands: (string | null)[] };

// What we wrote ourselves; checked on the way back in all the same, since a
// malformed value must re-render rather than reach the page.
const rendered = z.object({
  html: z.string(),
  toc: z.array(z.object({ depth: z.number(), id: z.string(), text: z.string() })),
  segments: z.array(
    z.union([
      z.object({ kind: z.literal('html'), html: z.string() }),
      z.object({ kind: z.literal('check'), fence: z.object({ slug: z.string(), defaults: z.record(z.string(), z.string()) }) }),
    ]),
  ),
});
const envelope = <T extends z.ZodType>(content: T) => z.object({ v: z.literal(RENDER_VERSION), hash: z.string(), content });
const incidentStored = envelope(
  z.object({ narrative: rendered.nullable(), lessons: rendered.nullable(), commands: z.array(z.string().nullable()) }),
);
const runbookStored = envelope(z.object({ body: rendered }));

/** Stored JSON: what the column holds. Plain data, safe to hand to Prisma as a Json value. */
export type StoredRendering<T> = { v: number; hash: string; content: T };

// A fixed order, so the hash does not depend on how a caller built the object.
const incidentKey = (s: IncidentSources) => [s.narrative, s.lessons, s.commands];
const hashOf = (parts: unknown) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

export async function renderIncident(sources: IncidentSources): Promise<StoredRendering<IncidentRendering>> {
  const [narrative, lessons, commands] = await Promise.all([
    sources.narrative.trim() ? renderMarkdown(sources.narrative) : null,
    sources.lessons.trim() ? renderMarkdown(sources.lessons) : null,
    // Rendered as a ```bash fence so commands get the same sanitising and highlighting as code in narratives.
    Promise.all(sources.commands.map(async (c) => (c ? (await renderMarkdown(fencedCode(c, 'bash'))).html : null))),
  ]);
  return { v: RENDER_VERSION, hash: hashOf(incidentKey(sources)), content: { narrative, lessons, commands } };
}

export async function renderRunbook(body: string): Promise<StoredRendering<RunbookRendering>> {
  return { v: RENDER_VERSION, hash: hashOf(body), content: { body: await renderMarkdown(body) } };
}

/**
 * The stored rendering when it is current for these sources, else null. The
 * only other place SanitizedHtml is made: the column holds renderMarkdown's
 * output and nothing else writes it (see the write paths in the decision).
 */
export function readIncidentRendering(value: unknown, sources: IncidentSources): IncidentRendering | null {
  const parsed = incidentStored.safeParse(value);
  if (!parsed.success || parsed.data.hash !== hashOf(incidentKey(sources))) return null;
  return parsed.data.content as IncidentRendering;
}

export function readRunbookRendering(value: unknown, body: string): RunbookRendering | null {
  const parsed = runbookStored.safeParse(value);
  if (!parsed.success || parsed.data.hash !== hashOf(body)) return null;
  return parsed.data.content as RunbookRendering;
}
