import { connection } from 'next/server';
import { checkHealth } from '@/lib/health/queries';

// Public on purpose: load balancers and `npm start` poll it. It reveals only up/down
// and migration names, never connection details.
export async function GET() {
  await connection();
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
