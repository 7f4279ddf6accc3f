import type { Request, Response } from 'express';
import type { ApiError, Principal } from '../../shared/protocol';
import { authenticateToken } from '../auth';
import type { Registry } from '../storage/Storage';

/** Every HTTP error of the API has this body (`ApiError`). */
export function sendError(res: Response, status: number, error: string, message: string, field?: string): void {
  const body: ApiError = field ? { error, message, field } : { error, message };
  res.status(status).json(body);
}

const bearer = (req: Request): string | null => {
  const header = req.get('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : null;
};

/**
 * The principal of the request's bearer token if it belongs to the workshop `:id` (and is a
 * facilitator's, when asked); otherwise answers 401 or 403 and returns null.
 */
export async function requireMember(
  registry: Registry,
  req: Request<{ id: string }>,
  res: Response,
  opts: { facilitator?: boolean } = {},
): Promise<Principal | null> {
  const auth = await authenticateToken(registry, bearer(req));
  if (!auth.ok) {
    sendError(res, auth.status, auth.error, auth.message);
    return null;
  }
  const me = auth.principal;
  if (me.workshopId !== req.params.id) {
    sendError(res, 403, 'forbidden', 'This token is for another workshop.');
    return null;
  }
  if (opts.facilitator && me.role !== 'facilitator') {
    sendError(res, 403, 'forbidden', 'Only a facilitator of this workshop can do this.');
    return null;
  }
  return me;
}
