import { useState } from 'react';
import { createToken } from '../api';
import { useT } from '../i18n';
import { paths } from '../router';
import { CopyButton } from './CopyButton';
import { QrCode } from './QrCode';

type Kind = 'projector' | 'cofacilitator';

/** Facilitators: the join QR code, and new links for a projector or a co-facilitator. */
export function ShareLinks({ workshopId, token, joinCode }: { workshopId: string; token: string; joinCode: string | null }) {
  const t = useT();
  const joinLink = joinCode ? `${location.origin}${paths.join(joinCode)}` : null;
  return (
    <div className="share-links">
      {joinLink && joinCode && (
        <div className="share-join">
          <QrCode value={joinLink} label={t('share.qrLabel', { code: joinCode })} className="qr-small" testId="join-qr" />
          <div>
            <span className="eyebrow">{t('workshop.joinCode')}</span>
            <div className="share-code">{joinCode}</div>
            <a className="mono small" href={joinLink}>
              {joinLink.replace(/^https?:\/\//, '')}
            </a>
          </div>
        </div>
      )}
      <LinkMaker kind="projector" workshopId={workshopId} token={token} joinCode={joinCode} />
      <LinkMaker kind="cofacilitator" workshopId={workshopId} token={token} joinCode={joinCode} />
    </div>
  );
}

function LinkMaker({ kind, workshopId, token, joinCode }: { kind: Kind; workshopId: string; token: string; joinCode: string | null }) {
  const t = useT();
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const create = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const res = await createToken(workshopId, token, {
        role: kind === 'projector' ? 'viewer' : 'facilitator',
        name: t(kind === 'projector' ? 'share.projectorName' : 'share.cofacilitatorName'),
      });
      const fragment = new URLSearchParams({ token: res.token });
      if (kind === 'projector' && joinCode) fragment.set('code', joinCode);
      const path = kind === 'projector' ? paths.present(workshopId) : paths.workshop(workshopId);
      setLink(`${location.origin}${path}#${fragment.toString()}`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="link-maker">
      <div className="link-maker-head">
        <span className="field-label">{t(kind === 'projector' ? 'share.projector' : 'share.cofacilitator')}</span>
        <button type="button" className="button small" data-testid={`${kind}-link-create`} disabled={busy} onClick={create}>
          {t(link ? 'share.newLink' : 'share.create')}
        </button>
      </div>
      <p className="muted small">{t(kind === 'projector' ? 'share.projectorHint' : 'share.cofacilitatorHint')}</p>
      {failed && <p className="form-error small">{t('share.failed')}</p>}
      {link && (
        <div className="link-line">
          <input className="mono small" readOnly value={link} data-testid={`${kind}-link`} onFocus={(e) => e.currentTarget.select()} aria-label={t(kind === 'projector' ? 'share.projector' : 'share.cofacilitator')} />
          <CopyButton text={link} label={t('workshop.copyLink')} />
          {kind === 'projector' && (
            <a className="button small ghost" href={link} target="_blank" rel="noopener">
              {t('share.open')}
            </a>
          )}
        </div>
      )}
    </div>
  );
}
