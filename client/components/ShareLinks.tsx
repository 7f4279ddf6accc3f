import { useState } from 'react';
import { createToken } from '../api';
import { useT } from '../i18n';
import { paths } from '../router';
import { usePeople } from '../sync/usePeople';
import { CopyButton } from './CopyButton';
import { IssuedLinks } from './IssuedLinks';
import { LinkSettings } from './LinkSettings';
import { QrCode } from './QrCode';
import './JoinCodePanel.css';
import './ShareLinks.css';

type Kind = 'projector' | 'cofacilitator';

/**
 * Facilitators: the join QR code, new links for a projector or a co-facilitator, the links handed
 * out (revocable), how long links stay valid, and the facilitator's own link (to come back).
 */
export function ShareLinks({ workshopId, token, joinCode }: { workshopId: string; token: string; joinCode: string | null }) {
  const t = useT();
  const joinLink = joinCode ? `${location.origin}${paths.join(joinCode)}` : null;
  const { people, refresh } = usePeople(workshopId, token);
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
      <LinkMaker kind="projector" workshopId={workshopId} token={token} joinCode={joinCode} onCreated={refresh} />
      <LinkMaker kind="cofacilitator" workshopId={workshopId} token={token} joinCode={joinCode} onCreated={refresh} />
      <IssuedLinks workshopId={workshopId} token={token} people={people} onChanged={refresh} />
      <LinkSettings workshopId={workshopId} token={token} />
      <MyLink workshopId={workshopId} token={token} />
    </div>
  );
}

/** The facilitator's own link, shown on demand: the way back from another device or browser. */
function MyLink({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT();
  const link = `${location.origin}${paths.workshop(workshopId)}#token=${encodeURIComponent(token)}`;
  return (
    <details className="link-maker my-link" data-testid="my-link">
      <summary className="field-label">{t('links.show')}</summary>
      <p className="muted small">{t('links.mineHint')}</p>
      <div className="link-line">
        <input
          className="mono small"
          readOnly
          value={link}
          data-testid="my-link-value"
          onFocus={(e) => e.currentTarget.select()}
          aria-label={t('links.mine')}
        />
        <CopyButton text={link} label={t('workshop.copyLink')} />
      </div>
    </details>
  );
}

function LinkMaker({
  kind,
  workshopId,
  token,
  joinCode,
  onCreated,
}: {
  kind: Kind;
  workshopId: string;
  token: string;
  joinCode: string | null;
  onCreated: () => void;
}) {
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
      onCreated();
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
          <input
            className="mono small"
            readOnly
            value={link}
            data-testid={`${kind}-link`}
            onFocus={(e) => e.currentTarget.select()}
            aria-label={t(kind === 'projector' ? 'share.projector' : 'share.cofacilitator')}
          />
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
