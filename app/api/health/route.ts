import { isDatabaseUp, serviceUnavailable } from '@/lib/db-health';

export const dynamic = 'force-dynamic';

/** Whether the database answers: 200, or the 503 page. Public (it says nothing else); error.tsx asks it. */
export async function GET() {
  if (!(await isDatabaseUp())) return serviceUnavailable();
  return Response.json({ database: 'up' }, { headers: { 'Cache-Control': 'no-store' } });
}
