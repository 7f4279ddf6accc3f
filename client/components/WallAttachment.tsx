import { useEffect, useState } from 'react';
import type { ShownAttachment } from '../../shared/facilitation';
import { fetchAttachment } from '../attachmentsApi';
import { useT } from '../i18n';
import { usePdfDocument } from '../pdf/usePdfDocument';
import { PdfPage } from './PdfPage';
import { useAttachmentUrl } from './useAttachmentUrl';
import './Attachments.css';

interface Props {
  workshopId: string;
  token: string;
  shown: ShownAttachment;
}

/**
 * The projector's view of "the wall shows attachment X, page N" (facilitation state
 * `shownAttachment`): the page filling the element, nothing to click. Self-contained, so the
 * projector view mounts it where it wants (it fills its parent).
 */
export function WallAttachment({ workshopId, token, shown }: Props) {
  // The file's own type (its Content-Type, decided by the server from its content) picks the view.
  const [type, setType] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setType(null);
    fetchAttachment(workshopId, token, shown.attachmentId)
      .then((blob) => !cancelled && setType(blob.type))
      .catch(() => !cancelled && setType('failed'));
    return () => {
      cancelled = true;
    };
  }, [workshopId, token, shown.attachmentId]);
  if (type === null) return <div className="wall-attachment" data-testid="wall-attachment" />;
  return type.startsWith('image/') ? (
    <WallImage workshopId={workshopId} token={token} shown={shown} />
  ) : (
    <WallPdf workshopId={workshopId} token={token} shown={shown} />
  );
}

function WallPdf({ workshopId, token, shown }: Props) {
  const t = useT();
  const pdf = usePdfDocument(workshopId, token, shown.attachmentId);
  return (
    <div className="wall-attachment" data-testid="wall-attachment">
      {pdf.status === 'ready' ? (
        <PdfPage pdf={pdf.pdf} page={Math.min(shown.page, pdf.pages)} label={t('attachments.wallLabel', { page: shown.page })} />
      ) : (
        <p className="muted">{t(pdf.status === 'failed' ? 'attachments.failed' : 'attachments.loading')}</p>
      )}
    </div>
  );
}

function WallImage({ workshopId, token, shown }: Props) {
  const t = useT();
  const { url, failed } = useAttachmentUrl(workshopId, token, shown.attachmentId);
  return (
    <div className="wall-attachment" data-testid="wall-attachment">
      {url ? (
        <img src={url} alt={t('attachments.wallLabel', { page: 1 })} />
      ) : (
        <p className="muted">{t(failed ? 'attachments.failed' : 'attachments.loading')}</p>
      )}
    </div>
  );
}
