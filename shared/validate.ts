import { z } from 'zod';
import { COMMUNITIES, JOIN_ROLES, MAX_TITLE } from './schema';
import { JOIN_CODE_PATTERN, normalizeJoinCode } from './ids';

/**
 * Parsers for everything that crosses a boundary. Types are not validation: both the server (for
 * inbound requests) and the client (for forms) use these.
 */

const name = z.string().trim().min(1, 'required').max(60, 'too long (60 characters max)');

export const WORKSHOP_TEMPLATES = ['blank', 'regards-croises'] as const;

export const createWorkshopBody = z.object({
  title: z.string().trim().min(1, 'required').max(MAX_TITLE, `too long (${MAX_TITLE} characters max)`),
  name: name.optional(),
  template: z.enum(WORKSHOP_TEMPLATES).optional(),
});

export const joinBody = z
  .object({
    joinCode: z
      .string()
      .transform(normalizeJoinCode)
      .pipe(z.string().regex(JOIN_CODE_PATTERN, 'must be 6 letters or digits')),
    name,
    role: z.enum(JOIN_ROLES),
    community: z.enum(COMMUNITIES).optional(),
  })
  .refine((b) => b.role === 'expert' || b.community === undefined, {
    path: ['community'],
    message: 'only experts have a community',
  })
  .refine((b) => b.role !== 'expert' || b.community !== undefined, {
    path: ['community'],
    message: 'required for experts (maker, researcher or company)',
  });

/** The first failing field and its message, for a 400 answer. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return { field, message: `${field}: ${issue?.message ?? 'invalid'}` };
}

/** POST /api/workshops/:id/tokens: a co-facilitator or a projector link. */
export const tokenBody = z.object({
  role: z.enum(['facilitator', 'viewer']),
  name: name,
});
