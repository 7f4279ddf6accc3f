import { JOIN_CODE_PATTERN, normalizeJoinCode } from '../shared/ids';
import { MAX_TITLE, type Community, type JoinRole } from '../shared/schema';

/**
 * The same rules as shared/validate.ts (which the server applies), checked before sending so the
 * person gets an answer at once. Kept free of zod to keep the client bundle small.
 */
export type FieldIssue = { field: 'title' | 'name' | 'joinCode' | 'role' | 'community' } | null;

const MAX_NAME = 60;

export function checkCreate(input: { title: string; name: string }): FieldIssue {
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) return { field: 'title' };
  if (input.name.trim().length > MAX_NAME) return { field: 'name' };
  return null;
}

export function checkJoin(input: { joinCode: string; name: string; role: JoinRole; community: Community | '' }): FieldIssue {
  if (!JOIN_CODE_PATTERN.test(normalizeJoinCode(input.joinCode))) return { field: 'joinCode' };
  const name = input.name.trim();
  if (!name || name.length > MAX_NAME) return { field: 'name' };
  if (input.role === 'expert' && !input.community) return { field: 'community' };
  return null;
}
