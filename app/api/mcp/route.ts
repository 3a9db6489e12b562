// POST /api/mcp: the MCP server (Streamable HTTP, stateless) for AI assistants,
// authorized by a personal API token; see lib/mcp/server.ts. Stateless servers
// have no stream to open and no session to end, so GET and DELETE are not
// exported and Next answers them 405, which MCP clients expect.
import { handleMcpRequest } from '@/lib/mcp/server';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleMcpRequest(request);
}
