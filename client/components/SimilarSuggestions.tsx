import { useDeferredValue, useMemo } from 'react';
import { readNotes } from '../../shared/schema';
import { rankSimilar } from '../../shared/similarity';
import type { ChallengeView } from '../../shared/challenges';
import { useT } from '../i18n';
import { paths } from '../router';
import type { LazyDocs } from '../sync/useLazyProjectDocs';
import { Link } from './Link';
import './CanvasSidePanel.css';
import './SimilarSuggestions.css';

interface Candidate {
  key: string;
  text: string;
  projectId: string | null;
  noteId: string | null;
  kind: 'note' | 'challenge';
}

interface Props {
  workshopId: string;
  query: string;
  /** Notes of this project are left out: suggestions come from elsewhere. */
  excludeProjectId: string | null;
  lazy: LazyDocs;
  projectName: (id: string) => string;
  challenges?: readonly ChallengeView[];
  excludeChallengeId?: string;
  /** When given, each suggestion gets a button (e.g. "link this note"). */
  action?: { label: string; run: (c: { projectId: string | null; noteId: string | null; challengeId: string | null }) => void };
}

/** Up to three similar notes (and challenges) from other projects, by local TF-IDF similarity. */
export function SimilarSuggestions({ workshopId, query, excludeProjectId, lazy, projectName, challenges = [], excludeChallengeId, action }: Props) {
  const t = useT();
  const deferred = useDeferredValue(query);
  const candidates = useMemo(() => {
    const out: Candidate[] = [];
    for (const [projectId, doc] of Object.entries(lazy.docs)) {
      if (projectId === excludeProjectId) continue;
      for (const n of readNotes(doc)) if (n.text.trim()) out.push({ key: `n:${n.id}`, text: n.text, projectId, noteId: n.id, kind: 'note' });
    }
    for (const c of challenges) {
      if (c.id !== excludeChallengeId)
        out.push({ key: `c:${c.id}`, text: [c.title, c.description].join(' '), projectId: null, noteId: c.id, kind: 'challenge' });
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lazy.docs, lazy.version, excludeProjectId, challenges, excludeChallengeId]);
  const hits = useMemo(() => rankSimilar(deferred, candidates, (c) => c.text, { limit: 3 }), [deferred, candidates]);

  return (
    <section className="similar" aria-live="polite" data-testid="similar">
      <h3 className="side-subheading">{t('similar.heading')}</h3>
      {!lazy.complete && <p className="muted small">{t('similar.loading')}</p>}
      {lazy.complete && hits.length === 0 && <p className="muted small">{deferred.trim() ? t('similar.none') : t('similar.typeSomething')}</p>}
      <ul className="similar-list">
        {hits.map(({ item }) => (
          <li key={item.key} className="similar-item" data-testid="similar-item">
            <span className="similar-where">{item.kind === 'challenge' ? t('similar.challenge') : projectName(item.projectId ?? '')}</span>
            {item.kind === 'note' && item.projectId && item.noteId ? (
              <Link href={paths.note(workshopId, item.projectId, item.noteId)}>{item.text}</Link>
            ) : (
              <span>{item.text}</span>
            )}
            {action && (
              <button
                type="button"
                className="button small"
                onClick={() =>
                  action.run({
                    projectId: item.projectId,
                    noteId: item.kind === 'note' ? item.noteId : null,
                    challengeId: item.kind === 'challenge' ? item.noteId : null,
                  })
                }
              >
                {action.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
