import { useEffect } from 'react';
import { COMMAND_ERRORS } from '../../shared/protocol';
import { useT, type MessageKey } from '../i18n';
import { useFacilitation, type Refusal } from '../sync/useFacilitation';
import './CommandToasts.css';

/** The server's refusal codes, and the client's own for commands that got no answer. */
const KNOWN: readonly string[] = [...COMMAND_ERRORS, 'offline', 'timeout'];
const TOAST_MS = 4500;

/** Refusals that say more for one command than the code alone (`refusal.<command>.<error>`). */
const SPECIFIC: ReadonlySet<string> = new Set(['agenda.next.conflict', 'question.ask.forbidden', 'question.ask.conflict', 'question.approve.conflict']);

export const refusalKey = (error: string, command?: string): MessageKey =>
  command && SPECIFIC.has(`${command}.${error}`)
    ? (`refusal.${command}.${error}` as MessageKey)
    : KNOWN.includes(error)
      ? (`refusal.${error}` as MessageKey)
      : 'refusal.unknown';

/** Short messages for commands the server refused (or that could not be sent). */
export function CommandToasts() {
  const { refusals, dismissRefusal } = useFacilitation();
  return (
    <div className="toasts" aria-live="assertive">
      {refusals.map((r) => (
        <Toast key={r.key} refusal={r} onDismiss={dismissRefusal} />
      ))}
    </div>
  );
}

function Toast({ refusal, onDismiss }: { refusal: Refusal; onDismiss: (key: number) => void }) {
  const t = useT();
  useEffect(() => {
    const id = setTimeout(() => onDismiss(refusal.key), TOAST_MS);
    return () => clearTimeout(id);
  }, [refusal.key, onDismiss]);
  return (
    <div className="toast" role="alert" data-testid="command-refused" data-error={refusal.error} data-command={refusal.command}>
      <span>{t(refusalKey(refusal.error, refusal.command))}</span>
      <button type="button" className="toast-close" aria-label={t('toast.dismiss')} onClick={() => onDismiss(refusal.key)}>
        ×
      </button>
    </div>
  );
}
