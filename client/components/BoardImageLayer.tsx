import { memo, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import type * as Y from 'yjs';
import { type BoardImageView, moveImage, readImages, removeImage, resizeImage } from '../../shared/boardImages';
import type { UserOrigin } from '../../shared/undo';
import { useT } from '../i18n';
import { sameJson, useDocValue } from '../sync/useDocValue';
import { useAttachmentUrl } from './useAttachmentUrl';
import { arrowKeyDelta, useItemDrag } from './useItemDrag';
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
  const { active, start, handlers } = useItemDrag({
    readOnly,
    getScale,
    apply: (mode: 'move' | 'resize', from: BoardImageView, dx: number, dy: number) => {
      if (mode === 'move') moveImage(doc, image.id, from.x + dx, from.y + dy, origin);
      else resizeImage(doc, image.id, from.width + dx, origin);
    },
  });
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const delta = arrowKeyDelta(e);
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
      onPointerDown={start('move', image)}
      {...handlers}
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
            onPointerDown={start('resize', image)}
            {...handlers}
          />
        </>
      )}
    </div>
  );
});
