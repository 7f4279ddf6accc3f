import { z } from 'zod';
import { COMMUNITIES, JOIN_ROLES, MAX_TITLE } from './schema';
import { JOIN_CODE_PATTERN, hasLookalike, normalizeJoinCode } from './ids';

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
      .pipe(
        z
          .string()
          .refine((code) => !hasLookalike(code), 'join codes never contain O, 0, I or 1')
          .pipe(z.string().regex(JOIN_CODE_PATTERN, 'must be 6 letters or digits')),
      ),
    name,
    role: z.enum(JOIN_ROLES),
    community: z.enum(COMMUNITIES).optional(),
    deviceId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16 to 64 letters, digits, - or _')
      .optional(),
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

/** PUT /api/workshops/:id/settings */
export const settingsBody = z.object({
  tokenLifetimeHours: z
    .number()
    .int('whole hours')
    .min(1, 'at least 1 hour')
    .max(24 * 366, 'at most a year')
    .nullable(),
  ticketsOnly: z.boolean(),
});

/** POST /api/workshops/:id/tickets */
export const ticketBody = z.object({ room: z.string().min(1, 'required').max(200, 'too long') });

/** PUT /api/workshops/:id/me */
export const renameBody = z.object({ name });
