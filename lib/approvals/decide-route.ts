// The body shared by the approve and reject routes of the JSON API.
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { json } from '@/lib/api/route';
import type { Viewer } from '@/lib/auth/session';
import type { Decision } from './decide';
import { decide } from './mutations';

export async function answerDecision(viewer: Viewer, id: string, decision: Decision, reason?: string): Promise<Response> {
  const result = await decide(viewer, id, decision, reason || undefined);
  if (!result.ok) throw new ApiError(result.status, result.error);
  return json({ id, status: result.status, batchId: result.batchId, breakGlass: result.breakGlass });
}
