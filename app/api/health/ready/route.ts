// GET /api/health/ready: readiness. 200 only when the database answers and
// every migration in prisma/migrations is applied; 503 otherwise, so a load
// balancer sends no traffic to an instance that cannot serve it.
import { connection } from 'next/server';
import { checkReadiness } from '@/lib/health/queries';

export async function GET() {
  await connection();
  const ready = await checkReadiness();
  return Response.json(ready, { status: ready.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
