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
import { authorize, requestId } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { bearerToken } from '@/lib/tokens/token';
import { MCP_TOOLS, toolError, type McpTool, type ToolContext } from './tools';

/** Largest JSON-RPC body read: tool arguments are a slug, a query or an alert text (4,000 characters), not documents. */
export const MCP_BODY_MAX_BYTES = 256 * 1024;

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
    const response = await transport.handleRequest(request);
    response.headers.set('Cache-Control', 'no-store');
    return response;
  } finally {
    // The JSON response is complete here; nothing of this request stays behind.
    await server.close().catch(() => {});
  }
}
