import type * as Y from 'yjs';
import type { ClusterView } from '../../shared/clusters';
import type { FacilitatorView } from '../../shared/facilitation';
import { noteAuthorLabel } from '../../shared/schema';
import { useT } from '../i18n';
import { useClusters } from '../sync/useContent';
import { useFacilitation } from '../sync/useFacilitation';
import { useNoteDecorations } from '../sync/useNoteDecorations';
import { useNotes } from '../sync/useNotes';
import { useProjectDoc } from '../sync/useProjectDoc';
import { fitBoxExactly, fitView, notesBox, presenterBox, unionBox, type Box, type CanvasTransform } from '../canvas/viewMath';
import { StickyNote } from './StickyNote';
import { useElementSize } from './useElementSize';
import './CanvasBoard.css';

/** The whole board may zoom in further than a laptop's fit: a room reads it from metres away. */
const BOARD_MAX_SCALE = 2.2;
const noScale = () => 1;

const clustersBox = (clusters: readonly ClusterView[]): Box | null =>
  clusters.reduce<Box | null>((box, c) => unionBox(box, { x0: c.x, y0: c.y, x1: c.x + c.width, y1: c.y + c.height }), null);

/**
 * A project's canvas on the wall, read-only and without cursors: exactly the presenter's area while
 * someone presents (`presenter`), else the whole board (notes and clusters) as large as it fits.
 */
export function ProjectorCanvas({ projectId, presenter }: { projectId: string; presenter: FacilitatorView | null }) {
  const t = useT();
  const doc = useProjectDoc(projectId);
  if (!doc) return <p className="projector-loading">{t('canvas.loading')}</p>;
  return <Wall doc={doc} projectId={projectId} presenter={presenter} />;
}

function Wall({ doc, projectId, presenter }: { doc: Y.Doc; projectId: string; presenter: FacilitatorView | null }) {
  const t = useT();
  const { me } = useFacilitation();
  const notes = useNotes(doc);
  const clusters = useClusters(doc);
  const decor = useNoteDecorations(doc, projectId, me);
  const [ref, size] = useElementSize<HTMLDivElement>();

  const view: CanvasTransform = presenter
    ? fitBoxExactly(presenterBox(presenter, size.w, size.h), size.w, size.h)
    : fitView(unionBox(notesBox(notes), clustersBox(clusters)), size.w, size.h, BOARD_MAX_SCALE);

  return (
    <div
      ref={ref}
      className={`projector-canvas canvas${decor.spotlightId ? ' has-spotlight' : ''}`}
      data-testid="canvas"
      data-wall-view={presenter ? 'presenter' : 'board'}
      data-following={presenter ? 'true' : 'false'}
      data-scale={view.scale.toFixed(3)}
    >
      <div className="canvas-layer" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}>
        {clusters.map((c) => (
          <section
            key={c.id}
            className="cluster wall-cluster"
            data-testid="wall-cluster"
            data-cluster-id={c.id}
            style={{ left: c.x, top: c.y, width: c.width, height: c.height }}
          >
            <h3 className="wall-cluster-name">{c.name || t('clusters.untitled')}</h3>
          </section>
        ))}
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
