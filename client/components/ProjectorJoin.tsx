import { useT } from '../i18n';
import { QrCode } from './QrCode';

/** How to join, full screen: a QR code a room can scan from the back, the code and the address. */
export function ProjectorJoin({ joinLink, joinCode }: { joinLink: string | null; joinCode: string | null }) {
  const t = useT();
  if (!joinLink || !joinCode) return <p className="projector-loading">{t('projector.noCode')}</p>;
  return (
    <div className="projector-panel projector-join-full" data-testid="wall-join">
      <QrCode value={joinLink} label={t('share.qrLabel', { code: joinCode })} className="wall-join-qr" testId="wall-join-qr" />
      <div className="wall-join-text">
        <p className="wall-join-title">{t('projector.join')}</p>
        <p className="wall-join-step">{t('wall.joinScan')}</p>
        <p className="wall-join-step">{t('wall.joinOr', { host: joinLink.replace(/^https?:\/\//, '').replace(/\/join\/.*$/, '') })}</p>
        <p className="wall-join-code" data-testid="wall-join-code">
          {joinCode}
        </p>
      </div>
    </div>
  );
}
