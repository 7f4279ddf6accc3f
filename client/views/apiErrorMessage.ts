import { ApiError } from '../api';
import type { MessageKey, Translate } from '../i18n';

const FIELD_MESSAGES: Record<string, MessageKey> = {
  title: 'error.field.title',
  name: 'error.field.name',
  joinCode: 'error.field.joinCode',
  code: 'error.field.joinCode',
  role: 'error.field.role',
  community: 'error.field.community',
};

export const fieldMessage = (field: string): MessageKey => FIELD_MESSAGES[field] ?? 'error.field.other';

/** A readable sentence for an API failure; `context` tells what a 403/404 means at that step. */
export function apiErrorMessage(t: Translate, err: unknown, context: 'create' | 'resolve' | 'join'): string {
  if (!(err instanceof ApiError)) return t('error.generic', { status: '?' });
  if (err.status === 0) return t('error.network');
  if (err.status === 429) return t('error.rateLimited');
  if (err.status === 400) return t(err.field ? fieldMessage(err.field) : 'error.field.other');
  if (context === 'resolve' && err.status === 404) return t('error.unknownCode');
  // The server names the real reason: a locked door or a removal is not a wrong code.
  if (context === 'join' && err.code === 'joining_locked') return t('error.joiningLocked');
  if (context === 'join' && err.code === 'removed') return t('error.removed');
  if (context === 'join' && (err.status === 403 || err.status === 404)) return t('error.wrongCode');
  return t('error.generic', { status: err.status });
}
