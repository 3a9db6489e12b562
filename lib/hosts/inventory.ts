// Reads a host inventory (YAML or CSV) into rows that remember their line, then
// checks each row with the same rules as the single-host form. Nothing here
// reads a secret or touches the database: ./import.ts does that.
//
// YAML: a list of hosts, or `hosts:` holding one; each host a map.
//   - name: director-1
//     role: director
//     agent_url: http://10.0.0.5:7070
//     labels: { site: par1, tier: edge }     # or "site=par1,tier=edge"
//     secret: env:AGENT_SECRET_DIRECTOR_1    # or file:/etc/pmkb/director-1.secret
// CSV: a header row naming the columns, then one host per row:
//   name,role,agent_url,labels,secret
//   director-1,director,http://10.0.0.5:7070,"site=par1,tier=edge",env:AGENT_SECRET_DIRECTOR_1
import YAML, { isMap, isSeq, LineCounter } from 'yaml';
import { z } from 'zod';
import { FRONTMATTER_MAX_ALIASES } from '@/lib/content/frontmatter';
import { parseCsv } from './csv';
import { checkLabels, parseLabels, type HostLabels } from './labels';
import { agentUrlSchema, hostNameSchema, hostRoleSchema, INVENTORY_MAX_BYTES } from './schema';
import { isSecretRef, NOT_A_REFERENCE, SECRET_REF_MAX } from './secret-ref';

export { INVENTORY_MAX_BYTES };

/** Most hosts in one import: twice the fan-out the checks are built for, in one transaction. */
export const INVENTORY_MAX_HOSTS = 2_000;

export type InventoryFormat = 'yaml' | 'csv';
export const INVENTORY_COLUMNS = ['name', 'role', 'agent_url', 'labels', 'secret'] as const;
const REQUIRED_COLUMNS = ['name', 'role', 'agent_url'] as const;

/** One host as the file states it. Absent labels / secret keep what is stored. */
export type InventoryHost = {
  name: string;
  role: string;
  agentUrl: string;
  labels?: HostLabels;
  secretRef?: string;
};
export type InventoryRow = { line: number; host?: InventoryHost; errors: string[] };
export type InventoryResult = { ok: true; rows: InventoryRow[] } | { ok: false; error: string; line?: number };

/**
 * A literal secret is refused by shape, and the message never repeats it.
 * '' (an empty CSV cell) is the same as no secret column: keep the stored one.
 */
const secretRefSchema = z
  .string({ message: NOT_A_REFERENCE })
  .trim()
  .max(SECRET_REF_MAX, NOT_A_REFERENCE)
  .refine((v) => v === '' || isSecretRef(v), NOT_A_REFERENCE);

/** `site=par1,tier=edge` (CSV, or YAML text) or a YAML map; one message either way, not a union's "Invalid input". */
const labelsFieldSchema = z.unknown().transform((value, ctx): HostLabels => {
  const checked = typeof value === 'string' ? parseLabels(value) : checkLabels(value);
  if (checked.ok) return checked.labels;
  ctx.addIssue({ code: 'custom', message: checked.error });
  return z.NEVER;
});

const rowSchema = z
  .object({
    name: hostNameSchema,
    role: hostRoleSchema,
    agent_url: agentUrlSchema,
    labels: labelsFieldSchema.optional(),
    secret: secretRefSchema.optional(),
  })
  .strict();

/** Which format a file name suggests; YAML unless it ends in .csv. */
export function formatOf(fileName: string): InventoryFormat {
  return /\.csv$/i.test(fileName) ? 'csv' : 'yaml';
}

export function parseInventory(text: string, format: InventoryFormat): InventoryResult {
  if (Buffer.byteLength(text) > INVENTORY_MAX_BYTES)
    return { ok: false, error: `The inventory is larger than ${INVENTORY_MAX_BYTES / 1_000_000} MB; split it.` };
  const raw = format === 'csv' ? csvRows(text) : yamlRows(text);
  if (!raw.ok) return raw;
  if (raw.rows.length === 0) return { ok: false, error: 'The inventory lists no hosts.' };
  if (raw.rows.length > INVENTORY_MAX_HOSTS)
    return { ok: false, error: `The inventory lists ${raw.rows.length} hosts; at most ${INVENTORY_MAX_HOSTS} per import.` };
  const firstLine = new Map<string, number>();
  const rows = raw.rows.map(({ line, fields, errors }): InventoryRow => {
    if (errors.length) return { line, errors };
    const parsed = rowSchema.safeParse(fields);
    if (!parsed.success) {
      return {
        line,
        errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
      };
    }
    const { name, role, agent_url, labels, secret } = parsed.data;
    const seen = firstLine.get(name);
    if (seen !== undefined) return { line, errors: [`name: ${name} is also on line ${seen}.`] };
    firstLine.set(name, line);
    return { line, errors: [], host: { name, role, agentUrl: agent_url, labels, secretRef: secret || undefined } };
  });
  return { ok: true, rows };
}

type RawRow = { line: number; fields: Record<string, unknown>; errors: string[] };
type RawResult = { ok: true; rows: RawRow[] } | { ok: false; error: string; line?: number };

function csvRows(text: string): RawResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, error: `Line ${parsed.line}: ${parsed.error}`, line: parsed.line };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: 'The inventory lists no hosts.' };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = columns.filter((c) => !(INVENTORY_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    return {
      ok: false,
      line: header.line,
      error: `Line ${header.line}: unknown column(s) ${unknown.map((c) => JSON.stringify(c.slice(0, 40))).join(', ')}; the columns are ${INVENTORY_COLUMNS.join(', ')}.`,
    };
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    return { ok: false, line: header.line, error: `Line ${header.line}: missing column(s) ${missing.join(', ')}.` };
  if (new Set(columns).size !== columns.length)
    return { ok: false, line: header.line, error: `Line ${header.line}: a column is named twice.` };
  if (records.length > INVENTORY_MAX_HOSTS)
    return { ok: false, error: `The inventory lists ${records.length} hosts; at most ${INVENTORY_MAX_HOSTS} per import.` };
  return {
    ok: true,
    rows: records.map(({ line, fields }) =>
      fields.length !== columns.length
        ? { line, fields: {}, errors: [`${fields.length} fields where the header has ${columns.length}.`] }
        : { line, fields: Object.fromEntries(columns.map((c, i) => [c, fields[i]!.trim()])), errors: [] },
    ),
  };
}

function yamlRows(text: string): RawResult {
  const lineCounter = new LineCounter();
  // The core schema builds no objects from tags and reads no timestamps; aliases are
  // bounded. The same choices as content front matter (decision 011).
  const doc = YAML.parseDocument(text, { schema: 'core', prettyErrors: true, uniqueKeys: true, logLevel: 'silent', lineCounter });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    return { ok: false, line, error: `Cannot read the YAML${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]}` };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FRONTMATTER_MAX_ALIASES });
  } catch (err) {
    return { ok: false, error: `Cannot read the YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  const seqNode = isSeq(doc.contents) ? doc.contents : isMap(doc.contents) ? doc.contents.get('hosts', true) : null;
  const list = Array.isArray(data) ? data : (data as { hosts?: unknown } | null)?.hosts;
  if (!isSeq(seqNode) || !Array.isArray(list))
    return { ok: false, error: 'The YAML inventory is a list of hosts, or a map whose "hosts" key holds that list.' };
  if (isMap(doc.contents) && doc.contents.items.length !== 1)
    return { ok: false, error: 'The YAML inventory has one top-level key, "hosts".' };
  if (list.length > INVENTORY_MAX_HOSTS)
    return { ok: false, error: `The inventory lists ${list.length} hosts; at most ${INVENTORY_MAX_HOSTS} per import.` };
  return {
    ok: true,
    rows: list.map((item, i): RawRow => {
      // Each item node knows where it starts; the line counter turns that into a line number.
      const node = seqNode.items[i] as { range?: [number, number, number] | null } | undefined;
      const offset = node?.range?.[0];
      const line = offset === undefined ? 0 : lineCounter.linePos(offset).line;
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        return { line, fields: {}, errors: ['Each host is a map with name, role, agent_url, labels and secret.'] };
      return { line, fields: item as Record<string, unknown>, errors: [] };
    }),
  };
}
