import type { Peer } from '../sync/usePresence';
import './RemoteCursors.css';

/**
 * Other people's pointers, drawn in screen space (so labels keep their size at any zoom) from
 * positions published in canvas units.
 */
export function RemoteCursors({ peers, view }: { peers: Peer[]; view: { x: number; y: number; scale: number } }) {
  return (
    <div className="remote-cursors" aria-hidden="true">
      {peers.map((p) =>
        p.isSelf || !p.cursor ? null : (
          <div
            key={p.clientId}
            className="remote-cursor"
            data-testid="remote-cursor"
            data-user-id={p.user.id}
            style={{
              transform: `translate(${p.cursor.x * view.scale + view.x}px, ${p.cursor.y * view.scale + view.y}px)`,
              color: p.user.color,
            }}
          >
            <svg width="18" height="22" viewBox="0 0 18 22" className="remote-cursor-arrow">
              <path d="M1 1 L1 17 L5.5 13 L9 21 L12 19.6 L8.6 12 L15 12 Z" fill="currentColor" stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span className="remote-cursor-label" style={{ background: p.user.color }}>
              {p.user.name}
            </span>
          </div>
        ),
      )}
    </div>
  );
}
