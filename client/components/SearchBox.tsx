import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PlacedHit as SearchHit } from '../../shared/search';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import './SearchBox.css';
import { communeLabel } from '../../shared/communeLabel';

/** Search across the workshop (notes, clusters, comments, challenges) through the server. */
export function SearchBox({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const listId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/workshops/${encodeURIComponent(workshopId)}/search?q=${encodeURIComponent(query)}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: ctrl.signal,
      })
        .then((res) => (res.ok ? (res.json() as Promise<{ hits: SearchHit[] }>) : Promise.reject(new Error(String(res.status)))))
        .then((body) => {
          setFailed(false);
          setHits(body.hits.slice(0, 12));
          setOpen(true);
        })
        .catch((err: unknown) => {
          if ((err as Error).name !== 'AbortError') setFailed(true);
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, workshopId, token]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);

  const go = (hit: SearchHit) => {
    setOpen(false);
    const { projectId, noteId, challengeId } = hit.location;
    if (challengeId) navigate(`${paths.challenges(workshopId)}?challenge=${encodeURIComponent(challengeId)}`);
    else if (projectId && noteId) navigate(paths.note(workshopId, projectId, noteId));
    else if (projectId) navigate(paths.canvas(workshopId, projectId));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (hits?.[0]) go(hits[0]);
  };

  return (
    <div className="search-box" ref={box}>
      <form role="search" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`${listId}-input`}>
          {t('search.label')}
        </label>
        <input
          id={`${listId}-input`}
          type="search"
          data-testid="search-input"
          placeholder={t('search.placeholder')}
          value={q}
          onFocus={() => hits && setOpen(true)}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          onChange={(e) => setQ(e.target.value)}
        />
      </form>
      {open && hits !== null && (
        <div className="search-results" id={listId} data-testid="search-results">
          {hits.length === 0 ? (
            <p className="muted small" role="status">
              {failed ? t('search.failed') : t('search.none')}
            </p>
          ) : (
            <ul>
              {hits.map((h) => (
                <li key={`${h.kind}:${h.id}`}>
                  <button type="button" className="search-hit" data-testid="search-hit" onClick={() => go(h)}>
                    <span className="search-kind">{t(`search.kind.${h.kind}`)}</span>
                    <span className="search-text">{h.text.length > 90 ? `${h.text.slice(0, 89)}…` : h.text}</span>
                    {h.project && (
                      <span className="search-place" data-testid="search-place">
                        {[h.project.name || t('project.untitled'), communeLabel(h.project)].filter(Boolean).join(' · ')}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
