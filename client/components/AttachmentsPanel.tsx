import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Download, FileText, Image as ImageIcon, ImagePlus, MonitorUp, Paperclip, Trash2 } from 'lucide-react';
import type * as Y from 'yjs';
import { ATTACHMENT_ACCEPT, type AttachmentView, isImageType } from '../../shared/attachments';
import { DEFAULT_IMAGE_WIDTH, freeImageSpot, placeImage } from '../../shared/boardImages';
import { readNotes } from '../../shared/schema';
import { newId } from '../../shared/ids';
import type { Principal } from '../../shared/protocol';
import { ApiError } from '../api';
import { type AttachmentList, deleteAttachment, fetchAttachment, listAttachments, uploadAttachment } from '../attachmentsApi';
import { type MessageKey, useLang, useT } from '../i18n';
import { saveBlob } from '../reports/download';
import { userOrigin } from '../sync/useContent';
import { useFacilitation } from '../sync/useFacilitation';
import { AttachmentViewer } from './AttachmentViewer';
import { fileSize } from './fileSize';
import './Attachments.css';

interface Props {
  workshopId: string;
  token: string;
  projectId: string;
  me: Principal;
  doc: Y.Doc;
  /** Whether this person may change the board now (placing an image is a board change). */
  writable: boolean;
  /** The centre of the board's visible area, in canvas units (where a placed image lands). */
  viewCentre: () => { x: number; y: number };
}

/** Others' uploads appear without reloading: the list is read again this often while open. */
const REFRESH_MS = 15_000;

const ERRORS: Record<string, MessageKey> = {
  file_too_large: 'attachments.error.file_too_large',
  workshop_full: 'attachments.error.workshop_full',
  type_mismatch: 'attachments.error.type_mismatch',
  unsupported_type: 'attachments.error.unsupported_type',
  forbidden: 'attachments.error.forbidden',
};

/**
 * "Supports de pitch": the project's PDF slides, photos and maps. Communes and facilitators attach
 * files (the server checks type and size); everyone views them; a PDF's pages turn here and a
 * facilitator puts the current page on the wall; an image can be placed on the board.
 */
export function AttachmentsPanel({ workshopId, token, projectId, me, doc, writable, viewCentre }: Props) {
  const t = useT();
  const [lang] = useLang();
  const { state, send } = useFacilitation();
  const [list, setList] = useState<AttachmentList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [pages, setPages] = useState<Record<string, number>>({});
  const input = useRef<HTMLInputElement>(null);
  const mayUpload = me.role === 'facilitator' || me.role === 'commune';

  const refresh = useCallback(() => {
    listAttachments(workshopId, token, projectId)
      .then(setList)
      .catch(() => {});
  }, [workshopId, token, projectId]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const limit = list ? fileSize(list.limits.fileBytes, lang) : '';
  const explain = (err: unknown) => {
    const code = err instanceof ApiError ? err.code : '';
    return t(ERRORS[code] ?? 'attachments.error.other', { size: limit });
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const added = await uploadAttachment(workshopId, token, projectId, file);
      setNotice(t('attachments.added', { name: added.name }));
      if (added.contentType === 'application/pdf') setOpen(added.id);
      refresh();
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: AttachmentView) => {
    if (!window.confirm(t('attachments.deleteConfirm', { name: a.name }))) return;
    try {
      await deleteAttachment(workshopId, token, a.id);
      if (state?.shownAttachment?.attachmentId === a.id) void send({ type: 'attachment.show', projectId, attachmentId: null, page: 1 });
      refresh();
    } catch (err) {
      setError(explain(err));
    }
  };

  const place = async (a: AttachmentView) => {
    setError(null);
    try {
      const bitmap = await createImageBitmap(await fetchAttachment(workshopId, token, a.id));
      const height = Math.round((DEFAULT_IMAGE_WIDTH * bitmap.height) / Math.max(1, bitmap.width));
      bitmap.close();
      const spot = freeImageSpot(viewCentre(), DEFAULT_IMAGE_WIDTH, height, readNotes(doc));
      placeImage(
        doc,
        {
          id: newId(),
          attachmentId: a.id,
          name: a.name,
          ...spot,
          width: DEFAULT_IMAGE_WIDTH,
          height,
          authorId: me.userId,
          authorName: me.name,
          createdAt: Date.now(),
        },
        userOrigin(me.userId),
      );
      setNotice(t('attachments.placed', { name: a.name }));
    } catch {
      setError(t('attachments.failed'));
    }
  };

  const download = async (a: AttachmentView) => {
    try {
      saveBlob(await fetchAttachment(workshopId, token, a.id), a.name);
    } catch (err) {
      setError(explain(err));
    }
  };

  const onWall = (a: AttachmentView) => state?.shownAttachment?.attachmentId === a.id;
  const toggleWall = (a: AttachmentView) => void send({ type: 'attachment.show', projectId, attachmentId: onWall(a) ? null : a.id, page: pages[a.id] ?? 1 });
  const turnPage = (a: AttachmentView, page: number) => {
    setPages((p) => ({ ...p, [a.id]: page }));
    // The wall turns with the facilitator's page while it shows this file.
    if (onWall(a)) void send({ type: 'attachment.show', projectId, attachmentId: a.id, page });
  };

  return (
    <div className="attachments" data-testid="attachments-panel">
      <p className="muted small">{t('attachments.intro', { size: limit || '…' })}</p>
      {mayUpload ? (
        <div className="attachments-upload">
          <input
            ref={input}
            type="file"
            accept={ATTACHMENT_ACCEPT}
            className="visually-hidden"
            data-testid="attachment-input"
            aria-label={t('attachments.upload')}
            onChange={onFile}
            tabIndex={-1}
          />
          <button type="button" className="button primary small" data-testid="attachment-upload" disabled={busy} onClick={() => input.current?.click()}>
            <Paperclip size={16} aria-hidden="true" /> {busy ? t('attachments.uploading') : t('attachments.upload')}
          </button>
        </div>
      ) : (
        <p className="muted small">{t('attachments.readOnly')}</p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="attachment-error">
          {error}
        </p>
      )}
      {notice && !error && (
        <p className="small" role="status">
          {notice}
        </p>
      )}
      {list && list.attachments.length === 0 && <p className="muted">{t('attachments.empty')}</p>}
      <ul className="attachment-list">
        {list?.attachments.map((a) => {
          const image = isImageType(a.contentType);
          const expanded = open === a.id;
          return (
            <li key={a.id} className="attachment" data-testid="attachment" data-attachment-id={a.id}>
              <button type="button" className="attachment-open" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : a.id)}>
                {image ? <ImageIcon size={18} aria-hidden="true" /> : <FileText size={18} aria-hidden="true" />}
                <span className="attachment-name">{a.name}</span>
              </button>
              <p className="small muted">{t('attachments.by', { size: fileSize(a.size, lang), name: a.uploaderName })}</p>
              <div className="attachment-actions">
                <button
                  type="button"
                  className="icon-button"
                  title={t('attachments.download')}
                  aria-label={t('attachments.download')}
                  onClick={() => void download(a)}
                >
                  <Download size={16} aria-hidden="true" />
                </button>
                {image && writable && (
                  <button
                    type="button"
                    className="icon-button"
                    data-testid="attachment-place"
                    title={t('attachments.place')}
                    aria-label={t('attachments.place')}
                    onClick={() => void place(a)}
                  >
                    <ImagePlus size={16} aria-hidden="true" />
                  </button>
                )}
                {me.role === 'facilitator' && (
                  <button
                    type="button"
                    className={`icon-button${onWall(a) ? ' is-active' : ''}`}
                    data-testid="attachment-wall"
                    aria-pressed={onWall(a)}
                    title={t(onWall(a) ? 'attachments.wall.stop' : 'attachments.wall.show')}
                    aria-label={t(onWall(a) ? 'attachments.wall.stop' : 'attachments.wall.show')}
                    onClick={() => toggleWall(a)}
                  >
                    <MonitorUp size={16} aria-hidden="true" />
                  </button>
                )}
                {(me.role === 'facilitator' || a.uploadedBy === me.userId) && (
                  <button
                    type="button"
                    className="icon-button danger"
                    title={t('attachments.delete')}
                    aria-label={t('attachments.delete')}
                    onClick={() => void remove(a)}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                  </button>
                )}
              </div>
              {expanded && (
                <AttachmentViewer workshopId={workshopId} token={token} attachment={a} page={pages[a.id] ?? 1} onPage={(page) => turnPage(a, page)} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
