// Bulk loader for synthetic incidents: one multi-row INSERT per table per batch
// (unnest of arrays, all bind parameters), with the per-row search triggers
// deferred and the batch's vectors computed in one UPDATE at the end of it.
import { randomUUID } from 'node:crypto';
import { notifyChange } from '@/lib/cache/notify';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { renderIncident } from '@/lib/markdown/stored';
import type { SynthIncident } from './generate';

type Tx = Prisma.TransactionClient;

/** Incidents per transaction: big enough to amortise round trips, small enough to keep parameters and locks modest. */
export const SYNTH_BATCH = 1_000;

async function nameIds(tx: Tx, table: 'services' | 'tags', names: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(names)];
  const ids = unique.map(() => randomUUID());
  if (table === 'services') {
    await tx.$executeRaw`INSERT INTO services (id, name) SELECT * FROM unnest(${ids}::text[], ${unique}::text[]) ON CONFLICT (name) DO NOTHING`;
    const rows = await tx.$queryRaw<
      { id: string; name: string }[]
    >`SELECT id, name FROM services WHERE name = ANY(${unique}::text[])`;
    return new Map(rows.map((r) => [r.name, r.id]));
  }
  await tx.$executeRaw`INSERT INTO tags (id, name) SELECT * FROM unnest(${ids}::text[], ${unique}::text[]) ON CONFLICT (name) DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM tags WHERE name = ANY(${unique}::text[])`;
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Columns of a child table as parallel arrays. */
function columns<T, K extends string>(rows: T[], pick: (row: T) => Record<K, unknown>): Record<K, unknown[]> {
  const out = {} as Record<K, unknown[]>;
  for (const row of rows) {
    for (const [k, v] of Object.entries(pick(row)) as [K, unknown][]) (out[k] ??= []).push(v);
  }
  return out;
}

/** The stored HTML of each incident, rendered before the transaction opens so no lock waits on it. */
function renderBatch(batch: SynthIncident[]): Promise<string[]> {
  return Promise.all(
    batch.map(async (b) =>
      JSON.stringify(
        await renderIncident({ narrative: b.narrative, lessons: '', commands: b.steps.map((s) => s.command ?? null) }),
      ),
    ),
  );
}

async function insertBatch(tx: Tx, batch: SynthIncident[], rendered: string[]): Promise<void> {
  // Transaction-local: the search triggers skip these rows; vectors come at the end.
  await tx.$executeRaw`SELECT set_config('pmkb.defer_search', 'on', true)`;
  const ids = batch.map(() => randomUUID());
  const iso = (d: Date) => d.toISOString();
  await tx.$executeRaw`
    INSERT INTO incidents (id, slug, title, summary, severity, status, started_at, detected_at, resolved_at, impact, narrative, rendered, updated_at)
    SELECT id, slug, title, summary, severity::"Severity", 'resolved', started::timestamptz, started::timestamptz, resolved::timestamptz, impact, narrative, rendered::jsonb, now()
    FROM unnest(${ids}::text[], ${batch.map((b) => b.slug)}::text[], ${batch.map((b) => b.title)}::text[],
                ${batch.map((b) => b.summary)}::text[], ${batch.map((b) => b.severity)}::text[],
                ${batch.map((b) => iso(b.startedAt))}::text[], ${batch.map((b) => iso(b.resolvedAt))}::text[],
                ${batch.map((b) => b.impact)}::text[], ${batch.map((b) => b.narrative)}::text[], ${rendered}::text[])
      AS t(id, slug, title, summary, severity, started, resolved, impact, narrative, rendered)`;

  const each = <T>(f: (b: SynthIncident, id: string) => T[]) => batch.flatMap((b, i) => f(b, ids[i]!));
  const sym = columns(
    each((b, id) => b.symptoms.map((text, position) => ({ id, position, text }))),
    (r) => ({ inc: r.id, pos: r.position, text: r.text }),
  );
  await tx.$executeRaw`INSERT INTO symptoms (id, incident_id, position, text)
    SELECT gen_random_uuid()::text, * FROM unnest(${sym.inc}::text[], ${sym.pos}::int[], ${sym.text}::text[])`;
  const tl = columns(
    each((b, id) => b.timeline.map((e, position) => ({ id, position, ...e }))),
    (r) => ({ inc: r.id, pos: r.position, at: iso(r.at), kind: r.kind, text: r.text }),
  );
  await tx.$executeRaw`INSERT INTO timeline_entries (id, incident_id, position, at, kind, text)
    SELECT gen_random_uuid()::text, inc, pos, at::timestamptz, kind::"TimelineKind", text
    FROM unnest(${tl.inc}::text[], ${tl.pos}::int[], ${tl.at}::text[], ${tl.kind}::text[], ${tl.text}::text[]) AS t(inc, pos, at, kind, text)`;
  const cf = columns(
    each((b, id) => b.factors.map((f, position) => ({ id, position, ...f }))),
    (r) => ({ inc: r.id, pos: r.position, title: r.title, detail: r.detail }),
  );
  await tx.$executeRaw`INSERT INTO contributing_factors (id, incident_id, position, title, detail)
    SELECT gen_random_uuid()::text, * FROM unnest(${cf.inc}::text[], ${cf.pos}::int[], ${cf.title}::text[], ${cf.detail}::text[])`;
  const st = columns(
    each((b, id) => b.steps.map((s, position) => ({ id, position, ...s }))),
    (r) => ({ inc: r.id, pos: r.position, text: r.text, command: r.command }),
  );
  await tx.$executeRaw`INSERT INTO resolution_steps (id, incident_id, position, text, command)
    SELECT gen_random_uuid()::text, * FROM unnest(${st.inc}::text[], ${st.pos}::int[], ${st.text}::text[], ${st.command}::text[])`;
  const ai = columns(
    each((b, id) => b.actions.map((text, position) => ({ id, position, text }))),
    (r) => ({ inc: r.id, pos: r.position, text: r.text }),
  );
  await tx.$executeRaw`INSERT INTO action_items (id, incident_id, position, text)
    SELECT gen_random_uuid()::text, * FROM unnest(${ai.inc}::text[], ${ai.pos}::int[], ${ai.text}::text[])`;

  const services = await nameIds(
    tx,
    'services',
    batch.flatMap((b) => b.services),
  );
  const tags = await nameIds(
    tx,
    'tags',
    batch.flatMap((b) => b.tags),
  );
  const sv = columns(
    each((b, id) => b.services.map((name) => ({ id, sid: services.get(name)! }))),
    (r) => ({ inc: r.id, sid: r.sid }),
  );
  await tx.$executeRaw`INSERT INTO incident_services (incident_id, service_id) SELECT * FROM unnest(${sv.inc}::text[], ${sv.sid}::text[])`;
  const tg = columns(
    each((b, id) => b.tags.map((name) => ({ id, tid: tags.get(name)! }))),
    (r) => ({ inc: r.id, tid: r.tid }),
  );
  await tx.$executeRaw`INSERT INTO incident_tags (incident_id, tag_id) SELECT * FROM unnest(${tg.inc}::text[], ${tg.tid}::text[])`;

  // The same pure function the trigger calls, once per incident.
  await tx.$executeRaw`
    UPDATE incidents i SET search_vector = pmkb_incident_vector(
      i.title,
      (SELECT string_agg(text, ' ' ORDER BY position) FROM symptoms WHERE incident_id = i.id),
      i.summary, i.impact,
      (SELECT string_agg(title || ' ' || detail, ' ' ORDER BY position) FROM contributing_factors WHERE incident_id = i.id),
      (SELECT string_agg(t.name, ' ') FROM incident_tags it JOIN tags t ON t.id = it.tag_id WHERE it.incident_id = i.id),
      (SELECT string_agg(s.name, ' ') FROM incident_services x JOIN services s ON s.id = x.service_id WHERE x.incident_id = i.id),
      (SELECT string_agg(text, ' ' ORDER BY position) FROM timeline_entries WHERE incident_id = i.id),
      (SELECT string_agg(concat_ws(' ', text, command), ' ' ORDER BY position) FROM resolution_steps WHERE incident_id = i.id),
      (SELECT string_agg(text, ' ' ORDER BY position) FROM action_items WHERE incident_id = i.id),
      i.lessons, i.narrative)
    WHERE i.id = ANY(${ids}::text[])`;
  // Drafts never feed the spelling vocabulary (see migration 20261203110000).
  await tx.$executeRaw`SELECT pmkb_remember_terms(search_vector) FROM incidents WHERE id = ANY(${ids}::text[]) AND NOT draft`;
}

/** Inserts the incidents in batches; returns how many were written. Slugs must be new (see scripts/synth.ts). */
export async function loadSynthetic(
  db: PrismaClient,
  incidents: Iterable<SynthIncident>,
  onBatch?: (done: number) => void,
): Promise<number> {
  let done = 0;
  let batch: SynthIncident[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const rendered = await renderBatch(rows);
    await db.$transaction(
      async (tx) => {
        await insertBatch(tx, rows, rendered);
        // Running app processes forget their cached reads (lists, the search vocabulary) at commit.
        await notifyChange(tx, ['incidents']);
      },
      { timeout: 300_000 },
    );
    done += rows.length;
    onBatch?.(done);
  };
  for (const incident of incidents) {
    batch.push(incident);
    if (batch.length >= SYNTH_BATCH) await flush();
  }
  await flush();
  return done;
}
