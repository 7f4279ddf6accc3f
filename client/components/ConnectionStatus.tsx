import { useT } from '../i18n';
import type { ConnectionState } from '../sync/useRoomDoc';

export function ConnectionStatus({ status }: { status: ConnectionState }) {
  const t = useT();
  const label = t(`status.${status}`);
  return (
    <span
      className={`connection-status connection-${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      title={t('status.label', { status: label })}
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
