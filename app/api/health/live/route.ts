// GET /api/health/live: liveness. The process is up and answering; it does not
// touch the database, so an orchestrator does not restart every instance when
// the database blinks (that is what readiness is for).
import { connection } from 'next/server';

export async function GET() {
  await connection();
  return Response.json(
    { status: 'ok', uptimeSeconds: Math.round(process.uptime()) },
    { headers: { 'cache-control': 'no-store' } },
  );
}
