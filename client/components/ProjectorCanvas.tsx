import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { type NoteView, noteAuthorLabel } from '../../shared/schema';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import { useProjectDoc } from '../sync/useProjectDoc';
import { clampScale, fitView, notesBox, type CanvasTransform } from '../canvas/viewMath';
import { StickyNote } from './StickyNote';
import './CanvasBoard.css';

/** The facilitator's viewport zoom is for a laptop-sized board; the wall scales it to its own width. */
const REFERENCE_BOARD_WIDTH = 1000;
const MAX_FIT_SCALE = 2.2;
const noScale = () => 1;

/** Pan/zoom that shows every note, as large as fits. */
const fitTransform = (notes: NoteView[], w: number, h: number): CanvasTransform => fitView(notesBox(notes), w, h, MAX_FIT_SCALE);

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
            authorName={noteAuthorLabel(n, t('note.anonymous'))}
            text={n.text}
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
