import { ChevronLeft, ChevronRight } from 'lucide-react';
import { type AttachmentView, isImageType } from '../../shared/attachments';
import { useT } from '../i18n';
import { usePdfDocument } from '../pdf/usePdfDocument';
import { PdfPage } from './PdfPage';
import { useAttachmentUrl } from './useAttachmentUrl';

interface Props {
  workshopId: string;
  token: string;
  attachment: AttachmentView;
  page: number;
  onPage: (page: number) => void;
}

/** An attachment opened in the project view: a PDF page by page (pdf.js), or the image. */
export function AttachmentViewer(props: Props) {
  return isImageType(props.attachment.contentType) ? <ImagePreview {...props} /> : <PdfViewer {...props} />;
}

function ImagePreview({ workshopId, token, attachment }: Props) {
  const t = useT();
  const { url, failed } = useAttachmentUrl(workshopId, token, attachment.id);
  if (failed) return <p className="form-error">{t('attachments.failed')}</p>;
  return (
    <div className="attachment-preview">
      {url ? <img src={url} alt={attachment.name} data-testid="attachment-image" /> : <p className="muted">{t('attachments.loading')}</p>}
    </div>
  );
}

function PdfViewer({ workshopId, token, attachment, page, onPage }: Props) {
  const t = useT();
  const pdf = usePdfDocument(workshopId, token, attachment.id);
  if (pdf.status === 'failed') return <p className="form-error">{t('attachments.failed')}</p>;
  if (pdf.status === 'loading') return <p className="muted attachment-preview">{t('attachments.loading')}</p>;
  const current = Math.min(Math.max(1, page), pdf.pages);
  return (
    <div className="attachment-preview pdf-viewer" data-testid="pdf-viewer">
      <PdfPage pdf={pdf.pdf} page={current} label={t('attachments.pageLabel', { page: current, name: attachment.name })} />
      <div className="pdf-nav">
        <button
          type="button"
          className="icon-button"
          aria-label={t('attachments.prev')}
          title={t('attachments.prev')}
          disabled={current <= 1}
          onClick={() => onPage(current - 1)}
        >
          <ChevronLeft size={18} aria-hidden="true" />
        </button>
        <span className="small" data-testid="pdf-page-count">
          {t('attachments.page', { page: current, pages: pdf.pages })}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label={t('attachments.next')}
          title={t('attachments.next')}
          disabled={current >= pdf.pages}
          onClick={() => onPage(current + 1)}
        >
          <ChevronRight size={18} aria-hidden="true" />
        </button>
      </div>
    </div>
  );
}
