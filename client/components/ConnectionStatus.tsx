import { useT } from '../i18n';
import type { ConnectionState } from '../sync/useRoomDoc';
import { useUnsyncedCount } from '../sync/unsyncedStore';
import './ConnectionStatus.css';

interface Props {
  status: ConnectionState;
  /** Show the number of local changes not delivered yet (all open documents). Default: yes. */
  showUnsynced?: boolean;
}

export function ConnectionStatus({ status, showUnsynced = true }: Props) {
  const t = useT();
  const pending = useUnsyncedCount();
  const count = showUnsynced ? pending : 0;
  const label = t(`status.${status}`);
  const unsyncedText = count === 1 ? t('status.unsyncedOne') : t('status.unsyncedMany', { count });
  const title = [t('status.label', { status: label }), status === 'disconnected' ? t('status.offlineHint') : null, count > 0 ? unsyncedText : null]
    .filter(Boolean)
    .join('\n');
  return (
    <span
      className={`connection-status connection-${status}${count > 0 ? ' has-unsynced' : ''}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      title={title}
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
      {status === 'disconnected' && <span className="visually-hidden"> — {t('status.offlineHint')}</span>}
      {showUnsynced && (
        <span className="unsynced-count" data-testid="unsynced-count" data-count={count} hidden={count === 0}>
          <span aria-hidden="true" className="unsynced-badge">
            ↑{count}
          </span>
          <span className="visually-hidden">{unsyncedText}</span>
        </span>
      )}
    </span>
  );
}
