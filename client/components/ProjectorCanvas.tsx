import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteView } from '../../shared/schema';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import { useProjectDoc } from '../sync/useProjectDoc';
import { clampScale, type CanvasTransform } from './CanvasBoard';
import { StickyNote } from './StickyNote';

/** The facilitator's viewport zoom is for a laptop-sized board; the wall scales it to its own width. */
const REFERENCE_BOARD_WIDTH = 1000;
const FIT_PADDING = 48;
const MAX_FIT_SCALE = 2.2;
const noScale = () => 1;

/** Pan/zoom that shows every note, as large as fits. */
function fitTransform(notes: NoteView[], w: number, h: number): CanvasTransform {
  if (notes.length === 0 || w <= 0 || h <= 0) return { x: w / 2, y: h / 2, scale: 1 };
  const minX = Math.min(...notes.map((n) => n.x));
  const minY = Math.min(...notes.map((n) => n.y));
  const maxX = Math.max(...notes.map((n) => n.x + NOTE_WIDTH));
  const maxY = Math.max(...notes.map((n) => n.y + NOTE_HEIGHT));
  const scale = Math.min(MAX_FIT_SCALE, Math.max(0.2, Math.min((w - 2 * FIT_PADDING) / (maxX - minX), (h - 2 * FIT_PADDING) / (maxY - minY))));
  return { scale, x: w / 2 - ((minX + maxX) / 2) * scale, y: h / 2 - ((minY + maxY) / 2) * scale };
}

/** The canvas in focus, read-only and without cursors, following the facilitator's view if any. */
export function ProjectorCanvas({ projectId }: { projectId: string }) {
  const t = useT();
  const doc = useProjectDoc(projectId);
  if (!doc) return <p className="projector-loading">{t('canvas.loading')}</p>;
  return <Wall doc={doc} projectId={projectId} />;
}

function Wall({ doc, projectId }: { doc: Y.Doc; projectId: string }) {
  const t = useT();
  const { me, viewport } = useFacilitation();
  const notes = useNotes(doc);
  const decor = useNoteDecorations(doc, projectId, me);
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const followed = viewport && viewport.projectId === projectId ? viewport : null;
  let view: CanvasTransform;
  if (followed) {
    const scale = clampScale(followed.zoom * Math.max(1, size.w / REFERENCE_BOARD_WIDTH));
    view = { scale, x: size.w / 2 - followed.x * scale, y: size.h / 2 - followed.y * scale };
  } else {
    view = fitTransform(notes, size.w, size.h);
  }

  return (
    <div ref={ref} className={`projector-canvas canvas${decor.spotlightId ? ' has-spotlight' : ''}`} data-testid="canvas" data-following={followed ? 'true' : 'false'}>
      <div className="canvas-layer" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}>
        {notes.map((n) => (
          <StickyNote
            key={n.id}
            doc={doc}
            id={n.id}
            x={n.x}
            y={n.y}
            kind={n.kind}
            authorName={n.authorName}
            readOnly
            autoFocus={false}
            getScale={noScale}
            spotlighted={n.id === decor.spotlightId}
            vote={decor.voteOf(n.id)}
          />
        ))}
      </div>
      {notes.length === 0 && <p className="canvas-empty">{t('canvas.emptyReadOnly')}</p>}
    </div>
  );
}
