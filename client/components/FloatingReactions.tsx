import { useFacilitation } from '../sync/useFacilitation';
import { ReactionIcon } from './ReactionIcon';
import './FloatingReactions.css';

/** Reactions rise and fade over the page for a few seconds (decorative: not announced). */
export function FloatingReactions({ big = false }: { big?: boolean }) {
  const { reactions } = useFacilitation();
  return (
    <div className={`floating-reactions${big ? ' is-big' : ''}`} aria-hidden="true">
      {reactions.map((r) => (
        <span key={r.key} className="floating-reaction" data-testid="floating-reaction" style={{ left: `${8 + ((r.key * 37) % 84)}%` }}>
          <span className="floating-emoji">
            <ReactionIcon reaction={r.reaction} size={big ? 64 : 32} />
          </span>
          {big && <span className="floating-name">{r.name}</span>}
        </span>
      ))}
    </div>
  );
}
