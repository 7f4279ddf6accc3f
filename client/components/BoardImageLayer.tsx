import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { X } from 'lucide-react';
import type * as Y from 'yjs';
import { type BoardImageView, moveImage, readImages, removeImage, resizeImage } from '../../shared/boardImages';
import type { UserOrigin } from '../../shared/undo';
import { useT } from '../i18n';
import { sameJson, useDocValue } from '../sync/useDocValue';
import { useThrottledCallback } from '../sync/useThrottledCallback';
import { useAttachmentUrl } from './useAttachmentUrl';
import './Attachments.css';

interface Props {
  doc: Y.Doc;
  workshopId: string;
  token: string;
  origin: UserOrigin;
  readOnly: boolean;
  getScale: () => number;
}

/**
 * Attachment images placed on the board, in canvas units below the notes (inside the board's
 * transformed layer). Grabbed anywhere and moved like a note; resized from the corner; arrow
 * keys move a focused image. Everyone sees the moves live (Yjs, `images` map).
 */
export function BoardImageLayer({ doc, ...rest }: Props) {
  const images = useDocValue(doc, readImages, '', sameJson);
  return (
    <>
      {images.map((image) => (
        <BoardImage key={image.id} doc={doc} image={image} {...rest} />
      ))}
    </>
  );
}

/** A board item is a widget like a note (role group, arrow keys move it): in the tab order. */
const IN_TAB_ORDER = 0;

const BoardImage = memo(function BoardImage({
  doc,
  image,
  workshopId,
  token,
  origin,
  readOnly,
  getScale,
}: Omit<Props, 'doc'> & { doc: Y.Doc; image: BoardImageView }) {
  const t = useT();
  const { url, failed } = useAttachmentUrl(workshopId, token, image.attachmentId);
  const drag = useRef<{ pointerId: number; sx: number; sy: number; x: number; y: number; w: number; mode: 'move' | 'resize' } | null>(null);
  const [active, setActive] = useState(false);
  const apply = useThrottledCallback((mode: 'move' | 'resize', a: number, b: number) => {
    if (mode === 'move') moveImage(doc, image.id, a, b, origin);
    else resizeImage(doc, image.id, a, origin);
  }, 'frame');

  const start = (mode: 'move' | 'resize') => (e: PointerEvent<HTMLElement>) => {
    e.stopPropagation();
    if (readOnly || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointerId: e.pointerId, sx: e.clientX, sy: e.clientY, x: image.x, y: image.y, w: image.width, mode };
    setActive(true);
  };
  const onMove = (e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const s = getScale();
    const dx = (e.clientX - d.sx) / s;
    const dy = (e.clientY - d.sy) / s;
    if (d.mode === 'move') apply('move', d.x + dx, d.y + dy);
    else apply('resize', d.w + dx, 0);
  };
  const end = (e: PointerEvent<HTMLElement>) => {
    if (drag.current?.pointerId !== e.pointerId) return;
    apply.flush();
    drag.current = null;
    setActive(false);
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const step = e.shiftKey ? 50 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = moves[e.key];
    if (readOnly) return;
    if (delta) {
      e.preventDefault();
      e.stopPropagation();
      moveImage(doc, image.id, image.x + delta[0], image.y + delta[1], origin);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      removeImage(doc, image.id, origin);
    }
  };
  const label = t('image.label', { name: image.name, author: image.authorName });

  return (
    <div
      className={`board-image${active ? ' is-active' : ''}${readOnly ? '' : ' is-movable'}`}
      data-testid="board-image"
      data-image-id={image.id}
      style={{ left: image.x, top: image.y, width: image.width, height: image.height }}
      // The figure itself is the grip, like a note: pointer-drag anywhere on it.
      onPointerDown={start('move')}
      onPointerMove={onMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKey}
      tabIndex={IN_TAB_ORDER}
      role="group"
      aria-roledescription={t('image.role')}
      aria-label={readOnly ? label : `${label}. ${t('image.move')}`}
    >
      {url ? (
        <img src={url} alt="" draggable={false} />
      ) : (
        <span className="board-image-placeholder">{failed ? t('image.missing') : t('attachments.loading')}</span>
      )}
      {!readOnly && (
        <>
          <button
            type="button"
            className="board-image-remove"
            aria-label={t('image.remove')}
            title={t('image.remove')}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => removeImage(doc, image.id, origin)}
          >
            <X size={14} aria-hidden="true" />
          </button>
          <span
            className="board-image-resize"
            data-testid="board-image-resize"
            aria-hidden="true"
            title={t('image.resize')}
            onPointerDown={start('resize')}
            onPointerMove={onMove}
            onPointerUp={end}
            onPointerCancel={end}
          />
        </>
      )}
    </div>
  );
});
