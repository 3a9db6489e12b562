// The MCP tools: what an AI assistant may ask the knowledge base, each acting
// with the token owner's role. They are thin: every read is the pages' own query
// (drafts only for authors and above, as on the pages), and a launch is the
// launchCheck server action itself, so the catalog, read-only rule, host
// registry, audit trail and leases are the ones the incident page uses.
// lib/mcp/server.ts registers them with the SDK; results are text for the model
// plus the same data as structuredContent for programs.
import 'server-only';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { apiWritesPerMinute } from '@/lib/api/limits';
import { countApiWrite } from '@/lib/api/mutations';
import { authorizeAction } from '@/lib/audit/guard';
import { hasRole } from '@/lib/auth/roles';
import type { Viewer } from '@/lib/auth/session';
import { launchCheck } from '@/lib/checks/actions';
import { FANOUT_MAX_HOSTS } from '@/lib/checks/launch-rules';
import { getBatchRuns, listChecks, listLaunchHosts } from '@/lib/checks/queries';
import type { RunView } from '@/lib/checks/types';
import { getStoredIncident } from '@/lib/incidents/authoring-queries';
import { serializeIncident } from '@/lib/incidents/document';
import { getRunbookBySlug } from '@/lib/runbooks/queries';
import { urlFor } from '@/lib/search/engine';
import { freeTextQuery } from '@/lib/search/free-text';
import { searchHits } from '@/lib/search/queries';
import type { Highlighted, SearchHit } from '@/lib/search/types';
import {
  findSimilarInput,
  getCheckRunInput,
  launchCheckInput,
  listChecksInput,
  searchIncidentsInput,
  slugInput,
  type FindSimilarInput,
  type LaunchCheckInput,
  type SearchIncidentsInput,
} from './schema';

/** Each run's stdout and stderr in a tool result at most: a screenful for the model; the run page has all of it. */
export const RUN_OUTPUT_CHARS_MAX = 8_000;
/** Runbooks offered beside the similar incidents. */
export const SIMILAR_RUNBOOKS_MAX = 3;

export interface ToolContext {
  viewer: Viewer;
  /** Where the pages are, for the links in results (BETTER_AUTH_URL, else the request's origin). */
  baseUrl: string;
}

export interface McpTool<S extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  input: S;
  /** Reads only: clients may call it without asking the user. */
  readOnly: boolean;
  run(args: z.output<S>, ctx: ToolContext): Promise<CallToolResult>;
}

const tool = <S extends z.ZodType>(def: McpTool<S>): McpTool => def as unknown as McpTool;

/** structuredContent is JSON: dates become ISO strings, undefined fields go. */
const json = (value: object): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

export const result = (text: string, structured: object): CallToolResult => ({
  content: [{ type: 'text', text }],
  structuredContent: json(structured),
});

export const toolError = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

const link = (ctx: ToolContext, path: string) => new URL(path, ctx.baseUrl).toString();
// Snippets are cut from markdown: its line breaks would break the result list apart.
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const plain = (parts: Highlighted) => oneLine(parts.map((p) => p.text).join(''));
// Markdown bold for the model: which words matched.
const marked = (parts: Highlighted) => oneLine(parts.map((p) => (p.mark ? `**${p.text}**` : p.text)).join(''));
const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : null);

function hitView(hit: SearchHit, ctx: ToolContext) {
  return {
    type: hit.type,
    slug: hit.slug,
    title: hit.title,
    url: link(ctx, hit.url),
    score: hit.score,
    severity: hit.severity,
    at: hit.at,
    snippet: plain(hit.snippet),
    matchedSymptom: hit.matchedSymptom ? plain(hit.matchedSymptom) : null,
  };
}

function hitLine(hit: SearchHit, i: number, ctx: ToolContext): string {
  const head = [hit.type === 'incident' ? hit.severity : 'runbook', day(hit.at)].filter(Boolean).join(', ');
  const symptom = hit.matchedSymptom ? `\n   symptom: ${marked(hit.matchedSymptom)}` : '';
  return `${i + 1}. ${hit.title} (${head}) slug: ${hit.slug}\n   ${link(ctx, hit.url)}\n   ${marked(hit.snippet)}${symptom}`;
}

const searchIncidents = tool({
  name: 'search_incidents',
  title: 'Search postmortems',
  description:
    'Full-text search of published incident postmortems (and optionally runbooks) by symptom, command, service or error text. ' +
    'Documents with every word rank first, then those with any word. Returns slugs for get_incident.',
  input: searchIncidentsInput,
  readOnly: true,
  async run(args: SearchIncidentsInput, ctx) {
    const outcome = await searchHits({
      q: args.query,
      limit: args.limit,
      offset: 0,
      type: args.includeRunbooks ? undefined : 'incident',
      service: args.service,
      severity: args.severity,
    });
    const hits = outcome.hits.map((h) => hitView(h, ctx));
    const notes = [
      ...outcome.corrections.map((c) => `searched "${c.to}" for "${c.from}"`),
      ...(outcome.unmatched.length ? [`no document mentions: ${outcome.unmatched.join(', ')}`] : []),
    ];
    const text = outcome.hits.length
      ? `${outcome.total} match(es) for "${args.query}"${notes.length ? ` (${notes.join('; ')})` : ''}:\n\n` +
        outcome.hits.map((h, i) => hitLine(h, i, ctx)).join('\n')
      : `Nothing matches "${args.query}"${notes.length ? ` (${notes.join('; ')})` : ''}. Try fewer or other words, or find_similar_incidents with the whole alert.`;
    return result(text, {
      query: args.query,
      total: outcome.total,
      corrections: outcome.corrections,
      unmatched: outcome.unmatched,
      results: hits,
    });
  },
});

const getIncident = tool({
  name: 'get_incident',
  title: 'Read a postmortem',
  description:
    'The whole postmortem of one incident: summary, symptoms, timeline, contributing factors, resolution steps with their commands and checks, action items, lessons and narrative, as markdown with YAML front matter.',
  input: slugInput,
  readOnly: true,
  async run(args: z.output<typeof slugInput>, ctx) {
    // Drafts only for authors and above, as on the pages; otherwise a draft does not exist.
    const stored = await getStoredIncident({ slug: args.slug }, hasRole(ctx.viewer.role, 'author'));
    if (!stored) return toolError(`There is no incident "${args.slug}". search_incidents finds slugs.`);
    const url = link(ctx, urlFor('incident', stored.slug));
    return result(`${url}\n\n${serializeIncident(stored.document)}`, { url, version: stored.version, ...stored.document });
  },
});

const getRunbook = tool({
  name: 'get_runbook',
  title: 'Read a runbook',
  description:
    'One runbook as markdown, with the published incidents that used it. Check blocks (```check) name catalog checks that launch_check can run.',
  input: slugInput,
  readOnly: true,
  async run(args: z.output<typeof slugInput>, ctx) {
    const runbook = await getRunbookBySlug(args.slug);
    if (!runbook) return toolError(`There is no runbook "${args.slug}".`);
    const url = link(ctx, urlFor('runbook', runbook.slug));
    const incidents = runbook.incidents.map((i) => ({ ...i, url: link(ctx, urlFor('incident', i.slug)) }));
    const used = incidents.length
      ? `\n\n---\nUsed in: ${incidents.map((i) => `${i.title} (${i.severity}, ${day(i.startedAt)}) slug: ${i.slug}`).join('; ')}`
      : '';
    const text = `${url}\n\n# ${runbook.title}\n\n${runbook.summary}\n\n${runbook.body}${used}`;
    const { rendered: _html, id: _id, ...rest } = runbook;
    return result(text, { ...rest, url, incidents });
  },
});

const findSimilarIncidents = tool({
  name: 'find_similar_incidents',
  title: 'Find what fixed it last time',
  description:
    'Given free text such as a firing alert (name, summary, labels) or a log line, the past incidents and runbooks that share its distinctive words, best first. Label syntax, quotes and CamelCase alert names are taken apart.',
  input: findSimilarInput,
  readOnly: true,
  async run(args: FindSimilarInput, ctx) {
    const q = freeTextQuery(args.text);
    if (!q) return result('The text has no searchable words.', { query: '', incidents: [], runbooks: [] });
    const [incidents, runbooks] = await Promise.all([
      searchHits({ q, limit: args.limit, offset: 0, type: 'incident' }),
      searchHits({ q, limit: SIMILAR_RUNBOOKS_MAX, offset: 0, type: 'runbook' }),
    ]);
    const section = (title: string, hits: SearchHit[]) =>
      hits.length ? `${title}:\n${hits.map((h, i) => hitLine(h, i, ctx)).join('\n')}` : `${title}: none.`;
    const text = `Searched for: ${q}\n\n${section('Similar past incidents', incidents.hits)}\n\n${section('Runbooks', runbooks.hits)}`;
    return result(text, {
      query: q,
      incidents: incidents.hits.map((h) => hitView(h, ctx)),
      runbooks: runbooks.hits.map((h) => hitView(h, ctx)),
    });
  },
});

const listChecksTool = tool({
  name: 'list_checks',
  title: 'List diagnostic checks',
  description:
    'The catalog of diagnostic checks (argv templates with parameters and an expected result). Only read-only checks can be launched. For operators, also the hosts a check can run on.',
  input: listChecksInput,
  readOnly: true,
  async run(_args: z.output<typeof listChecksInput>, ctx) {
    const mayLaunch = hasRole(ctx.viewer.role, 'operator');
    // Hosts only for those who may launch, as on the pages.
    const [checks, hosts] = await Promise.all([listChecks(), mayLaunch ? listLaunchHosts() : Promise.resolve([])]);
    const lines = checks.map((c) => {
      const params = c.params.map((p) => `${p.name} (${p.pattern}${p.example ? `, e.g. ${p.example}` : ''})`).join(', ');
      return [
        `- ${c.slug}: ${c.title}${c.approvalRequired ? " [changes the host: needs a reason and a second operator's approval]" : c.readOnly ? '' : ' [changes the host: cannot be launched]'}`,
        `  argv: ${c.argv.join(' ')}; expects ${c.expectation}${c.targetRole ? `; runs on role ${c.targetRole}` : ''}`,
        ...(params ? [`  params: ${params}`] : []),
      ].join('\n');
    });
    const hostText = mayLaunch
      ? `\n\nHosts (id, name, role):\n${hosts.map((h) => `- ${h.id} ${h.name} (${h.role})`).join('\n') || '- none registered'}`
      : '\n\nLaunching checks needs the operator role.';
    return result(`${checks.length} check(s):\n${lines.join('\n')}${hostText}`, {
      checks: checks.map(({ id: _id, ...c }) => c),
      hosts: mayLaunch ? hosts : null,
    });
  },
});

const clip = (text: string) =>
  text.length > RUN_OUTPUT_CHARS_MAX ? { text: text.slice(0, RUN_OUTPUT_CHARS_MAX), clipped: true } : { text, clipped: false };

function runView(run: RunView, ctx: ToolContext) {
  const stdout = clip(run.stdout);
  const stderr = clip(run.stderr);
  return {
    id: run.id,
    url: link(ctx, `/checks/runs/${run.id}`),
    check: run.checkSlug,
    hostId: run.hostId,
    hostName: run.hostName,
    status: run.status,
    verdict: run.verdict,
    message: run.message,
    exitCode: run.exitCode,
    argv: run.argv,
    stdout: stdout.text,
    stderr: stderr.text,
    // Cut here, or already by the agent or the store.
    stdoutTruncated: stdout.clipped || run.stdoutTruncated,
    stderrTruncated: stderr.clipped || run.stderrTruncated,
    durationMs: run.durationMs,
    incidentSlug: run.incidentSlug,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
  };
}

function runsText(batchId: string, runs: ReturnType<typeof runView>[]): string {
  const still = runs.some((r) => r.status === 'queued' || r.status === 'running');
  const blocks = runs.map((r) => {
    const head = `## ${r.hostName}: ${r.status}${r.verdict ? `, ${r.verdict}` : ''}${r.exitCode === null ? '' : ` (exit ${r.exitCode})`}`;
    const out = r.stdout ? `\n\`\`\`\n${r.stdout}${r.stdoutTruncated ? '\n[truncated]' : ''}\n\`\`\`` : '';
    const err = r.stderr ? `\nstderr:\n\`\`\`\n${r.stderr}${r.stderrTruncated ? '\n[truncated]' : ''}\n\`\`\`` : '';
    return `${head}${r.message ? `\n${r.message}` : ''}\n$ ${r.argv.join(' ')}${out}${err}\n${r.url}`;
  });
  const tail = still ? `\n\nSome runs are still going: call get_check_run with batchId ${batchId} again.` : '';
  return `Launch ${batchId}:\n\n${blocks.join('\n\n')}${tail}`;
}

const launchCheckTool = tool({
  name: 'launch_check',
  title: 'Run a read-only diagnostic check',
  description:
    'Runs a read-only catalog check on registered hosts (by id, or every enabled host of a role) and returns each host’s output and verdict, or a batchId to poll with get_check_run. Needs the operator role; every launch is audited.',
  input: launchCheckInput,
  readOnly: false,
  async run(args: LaunchCheckInput, ctx) {
    // First, before any host or incident is looked up: a refusal says nothing
    // about what exists, and is audited like the page's.
    const allowed = await authorizeAction('operator', 'check.launch');
    if (!allowed.ok) return toolError(allowed.error);
    // The same per-user write budget as /api/v1 (a token, a script or an assistant
    // in a loop): without it, MCP was a way around API_WRITES_PER_MINUTE.
    if ((await countApiWrite(allowed.viewer.id)) > apiWritesPerMinute()) {
      return toolError(`At most ${apiWritesPerMinute()} writes a minute per user; try again shortly.`);
    }
    let hostIds = args.hostIds ?? [];
    if (args.role) {
      const hosts = (await listLaunchHosts()).filter((h) => h.role === args.role);
      if (!hosts.length) return toolError(`No enabled host has the role "${args.role}". list_checks shows the hosts.`);
      if (hosts.length > FANOUT_MAX_HOSTS)
        return toolError(
          `The role "${args.role}" has ${hosts.length} hosts; at most ${FANOUT_MAX_HOSTS} per launch: pick hostIds.`,
        );
      hostIds = hosts.map((h) => h.id);
    }
    let incidentId: string | undefined;
    if (args.incidentSlug) {
      // Operators may see drafts, and a draft under investigation is where evidence goes.
      const incident = await getStoredIncident({ slug: args.incidentSlug }, true);
      if (!incident) return toolError(`There is no incident "${args.incidentSlug}".`);
      incidentId = incident.id;
    }
    const launched = await launchCheck({ check: args.check, hostIds, params: args.params, incidentId });
    if (!launched.ok) {
      const fields = Object.entries(launched.fieldErrors ?? {}).map(([k, v]) => `${k}: ${(v ?? []).join(' ')}`);
      return toolError([launched.error, ...fields].join('\n'));
    }
    const runs = launched.runs.map((r) => runView(r, ctx));
    return result(runsText(launched.batchId, runs), { batchId: launched.batchId, runs });
  },
});

const getCheckRun = tool({
  name: 'get_check_run',
  title: 'Follow a launch',
  description: 'The runs of one launch_check (by batchId): status, verdict, exit code and output per host.',
  input: getCheckRunInput,
  readOnly: true,
  async run(args: z.output<typeof getCheckRunInput>, ctx) {
    // A run is a fact about a host; only its link to a draft incident is withheld from readers.
    const runs = await getBatchRuns(args.batchId, hasRole(ctx.viewer.role, 'author'));
    if (!runs.length) return toolError(`There is no launch ${args.batchId}.`);
    const views = runs.map((r) => runView(r, ctx));
    return result(runsText(args.batchId, views), { batchId: args.batchId, runs: views });
  },
});

/** Every tool, in the order tools/list shows them. */
export const MCP_TOOLS: readonly McpTool[] = [
  searchIncidents,
  getIncident,
  getRunbook,
  findSimilarIncidents,
  listChecksTool,
  launchCheckTool,
  getCheckRun,
];
