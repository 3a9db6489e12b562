// POST /api/mcp: the Model Context Protocol over Streamable HTTP, stateless.
// Every request is authorized by a personal API token and answered by a fresh
// server and transport that live only for that request: several app processes
// serve MCP behind one load balancer with nothing in memory between requests,
// and a request's tools act with that request's token owner's role. See
// docs/decisions/026-mcp-server.md.
import 'server-only';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readJsonBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { authorize, requestId } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { bearerToken } from '@/lib/tokens/token';
import { MCP_TOOLS, toolError, type McpTool, type ToolContext } from './tools';

/** Largest JSON-RPC body read: tool arguments are a slug, a query or an alert text (4,000 characters), not documents. */
export const MCP_BODY_MAX_BYTES = 256 * 1024;

/**
 * JSON-RPC messages per HTTP request: one. Batches left MCP in its 2025-06-18
 * revision, and the SDK still runs up to 100 of them at once, so one request
 * could start 100 searches (or launches) in parallel past any per-request limit.
 */
export const MCP_MESSAGES_PER_REQUEST = 1;

/** What clients see as the server's name (initialize). */
const SERVER_INFO = { name: 'postmortem-kb', version: '1.0.0' };

const INSTRUCTIONS =
  'An incident postmortem knowledge base. Start from what is observed: find_similar_incidents with an alert or log line, ' +
  'or search_incidents with symptom words; read the best match with get_incident (resolution steps name commands and checks) ' +
  'and its runbooks with get_runbook. Operators can run read-only diagnostic checks with launch_check and follow them with get_check_run.';

const UNAUTHORIZED = 'Send a personal API token: Authorization: Bearer pmkb_… (create one at /account).';

/** A JSON error for the HTTP layer (not a JSON-RPC one): the caller has not reached MCP yet. */
function refuse(status: 401 | 403, error: string): Response {
  return Response.json(
    { error },
    {
      status,
      headers: {
        'Cache-Control': 'no-store',
        ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="pmkb", error="invalid_token"' } : {}),
      },
    },
  );
}

/** A JSON-RPC error for a request the SDK never sees (the shape its own refusals have). */
function rpcError(status: 400 | 413, code: number, message: string): Response {
  return Response.json(
    { jsonrpc: '2.0', error: { code, message }, id: null },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/** The request's JSON-RPC message, read within MCP_BODY_MAX_BYTES, or the refusal to answer with. */
async function readMessage(request: Request): Promise<{ ok: true; message: unknown } | { ok: false; response: Response }> {
  let message: unknown;
  try {
    message = await readJsonBody(request, MCP_BODY_MAX_BYTES);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return {
      ok: false,
      response:
        err.status === 413
          ? rpcError(413, -32000, `The request is larger than ${MCP_BODY_MAX_BYTES} bytes.`)
          : rpcError(400, -32700, err.message),
    };
  }
  if (Array.isArray(message) && message.length > MCP_MESSAGES_PER_REQUEST) {
    return { ok: false, response: rpcError(400, -32600, 'Send one JSON-RPC message per request; batches are not supported.') };
  }
  return { ok: true, message };
}

/** A tool's failure as an isError result the model can read; the stack goes to the log only. */
async function runTool(tool: McpTool, args: unknown, ctx: ToolContext): Promise<CallToolResult> {
  try {
    return await tool.run(args, ctx);
  } catch (err) {
    (await requestLog()).error({ err, tool: tool.name }, 'MCP tool failed');
    const id = await requestId().catch(() => null);
    return toolError(`The knowledge base could not answer (request id ${id ?? 'unknown'}); try again shortly.`);
  }
}

/** An MCP server whose tools act as `ctx.viewer`; one per request. */
export function buildMcpServer(ctx: ToolContext): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS, capabilities: { tools: {} } });
  for (const tool of MCP_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { title: tool.title, readOnlyHint: tool.readOnly, openWorldHint: false },
      },
      (args: unknown) => runTool(tool, args, ctx),
    );
  }
  return server;
}

/** Where links in results point: the configured public URL, else the origin the request came to. */
function baseUrl(request: Request): string {
  const configured = process.env.BETTER_AUTH_URL;
  if (configured && URL.canParse(configured)) return configured;
  return new URL(request.url).origin;
}

export async function handleMcpRequest(request: Request): Promise<Response> {
  // A token, never the session cookie: a page on another site cannot make a
  // signed-in browser call tools, whatever the browser sends along.
  if (!bearerToken(request.headers.get('authorization'))) return refuse(401, UNAUTHORIZED);
  const allowed = await authorize('viewer');
  if (!allowed.ok) return refuse(allowed.status, allowed.status === 401 ? UNAUTHORIZED : allowed.error);

  const read = await readMessage(request);
  if (!read.ok) return read.response;

  const server = buildMcpServer({ viewer: allowed.viewer, baseUrl: baseUrl(request) });
  // No session id: stateless. JSON responses rather than an SSE stream: every
  // tool answers within one request (a launch waits at most a few seconds and
  // then hands back a batchId to poll), so there is nothing to stream.
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MCP_BODY_MAX_BYTES,
  });
  try {
    await server.connect(transport);
    const response = await transport.handleRequest(request, { parsedBody: read.message });
    response.headers.set('Cache-Control', 'no-store');
    return response;
  } finally {
    // The JSON response is complete here; nothing of this request stays behind.
    await server.close().catch(() => {});
  }
}
