import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { arrangeCluster, moveCluster, removeCluster, renameCluster, resizeCluster, type ClusterView } from '../../shared/clusters';
import type { UserOrigin } from '../../shared/undo';
import { useT } from '../i18n';
import { CommentIcon } from './CommentIcon';
import { arrowKeyDelta, useItemDrag } from './useItemDrag';

interface Props {
  doc: Y.Doc;
  clusters: ClusterView[];
  origin: UserOrigin;
  readOnly: boolean;
  getScale: () => number;
  commentCount: (clusterId: string) => number;
  onOpenComments: (clusterId: string) => void;
}

/** Cluster frames, drawn in canvas units below the notes (inside the board's transformed layer). */
export function ClusterLayer({ clusters, ...rest }: Props) {
  return (
    <>
      {clusters.map((c) => (
        <ClusterFrame key={c.id} cluster={c} {...rest} />
      ))}
    </>
  );
}

const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();

const ClusterFrame = memo(function ClusterFrame({
  doc,
  cluster,
  origin,
  readOnly,
  getScale,
  commentCount,
  onOpenComments,
}: Omit<Props, 'clusters'> & { cluster: ClusterView }) {
  const t = useT();
  const [name, setName] = useState(cluster.name);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setName(cluster.name);
  }, [cluster.name]);
  const { active, start, handlers } = useItemDrag({
    readOnly,
    getScale,
    // Frames stand on whole canvas units.
    apply: (mode: 'move' | 'resize', from: ClusterView, dx: number, dy: number) => {
      if (mode === 'move') moveCluster(doc, cluster.id, from.x + Math.round(dx), from.y + Math.round(dy), origin);
      else resizeCluster(doc, cluster.id, from.width + Math.round(dx), from.height + Math.round(dy), origin);
    },
  });
  const onKey = (mode: 'move' | 'resize') => (e: KeyboardEvent<HTMLElement>) => {
    const delta = arrowKeyDelta(e);
    if (!delta || readOnly) return;
    e.preventDefault();
    e.stopPropagation();
    if (mode === 'move') moveCluster(doc, cluster.id, cluster.x + delta[0], cluster.y + delta[1], origin);
    else resizeCluster(doc, cluster.id, cluster.width + delta[0], cluster.height + delta[1], origin);
  };
  const commit = () => {
    editing.current = false;
    if (name.trim() && name !== cluster.name) renameCluster(doc, cluster.id, name, origin);
    else setName(cluster.name);
  };
  const count = commentCount(cluster.id);
  const label = cluster.name || t('clusters.untitled');

  return (
    <section
      className={`cluster${active ? ' is-active' : ''}`}
      data-testid="cluster"
      data-cluster-id={cluster.id}
      aria-label={t('clusters.frameLabel', { name: label, count: cluster.noteIds.length })}
      style={{ left: cluster.x, top: cluster.y, width: cluster.width, height: cluster.height }}
    >
      <div className="cluster-header" onPointerDown={stop} onDoubleClick={stop}>
        {!readOnly && (
          <button
            type="button"
            className="cluster-grip"
            data-testid="cluster-move"
            aria-label={t('clusters.move', { name: label })}
            title={t('clusters.moveHint')}
            onPointerDown={start('move', cluster)}
            {...handlers}
            onKeyDown={onKey('move')}
          >
            <span className="note-grip" aria-hidden="true" />
          </button>
        )}
        <input
          className="cluster-name"
          data-testid="cluster-name"
          value={name}
          readOnly={readOnly}
          aria-label={t('clusters.name')}
          placeholder={t('clusters.untitled')}
          onFocus={() => {
            editing.current = true;
          }}
          onChange={(e) => setName(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') {
              editing.current = false;
              setName(cluster.name);
            }
          }}
        />
        <span className="cluster-count" aria-hidden="true">
          {cluster.noteIds.length}
        </span>
        <button
          type="button"
          className={`cluster-button${count > 0 ? ' has-open' : ''}`}
          data-testid="cluster-comments"
          aria-label={t('comments.openOnCluster', { count })}
          title={t('comments.openOnCluster', { count })}
          onClick={() => onOpenComments(cluster.id)}
        >
          <CommentIcon />
          {count > 0 ? ` ${count}` : ''}
        </button>
        {!readOnly && (
          <>
            <button
              type="button"
              className="cluster-button"
              data-testid="cluster-arrange"
              aria-label={t('clusters.arrange')}
              title={t('clusters.arrange')}
              onClick={() => arrangeCluster(doc, cluster.id, origin)}
            >
              <span aria-hidden="true">▦</span>
            </button>
            <button
              type="button"
              className="cluster-button danger"
              data-testid="cluster-remove"
              aria-label={t('clusters.remove', { name: label })}
              title={t('clusters.remove', { name: label })}
              onClick={() => removeCluster(doc, cluster.id, origin)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </>
        )}
      </div>
      {!readOnly && (
        <button
          type="button"
          className="cluster-resize"
          data-testid="cluster-resize"
          aria-label={t('clusters.resize', { name: label })}
          title={t('clusters.resize', { name: label })}
          onPointerDown={start('resize', cluster)}
          {...handlers}
          onKeyDown={onKey('resize')}
        />
      )}
    </section>
  );
});
