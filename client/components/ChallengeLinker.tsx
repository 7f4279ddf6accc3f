import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { type ChallengeView, linkNote, linkProject } from '../../shared/challenges';
import type { SearchHit } from '../../shared/search';
import type { ProjectView } from '../../shared/schema';
import type { UserOrigin } from '../../shared/undo';
import './Attachments.css';
import { useT } from '../i18n';
import './ChallengesPanel.css';

interface Props {
  workshopId: string;
  token: string;
  workshopDoc: Y.Doc;
  challenge: ChallengeView;
  projects: ProjectView[];
  origin: UserOrigin;
}

/**
 * On the challenges page: link a challenge to any project of the workshop, or to notes found by a
 * search across every board — without opening each board (seven communes, seven boards).
 */
export function ChallengeLinker({ workshopId, token, workshopDoc, challenge, projects, origin }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const linked = (projectId: string, noteId: string | null) => challenge.links.some((l) => l.projectId === projectId && l.noteId === noteId);
  const unlinkedProjects = projects.filter((p) => !linked(p.id, null));
  const projectName = (id: string | null) => projects.find((p) => p.id === id)?.name || t('project.untitled');

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (!query.trim()) return;
    const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/search?q=${encodeURIComponent(query.trim())}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = res.ok ? ((await res.json()) as { hits: SearchHit[] }) : { hits: [] };
    setHits(body.hits.filter((h) => h.kind === 'note' && h.location.projectId && h.location.noteId));
  };

  return (
    <div className="challenge-linker" data-testid="challenge-linker">
      {unlinkedProjects.length > 0 && (
        <label className="field inline">
          <span className="visually-hidden">{t('challenges.linkAnyProject')}</span>
          <select
            data-testid="challenge-link-any-project"
            value=""
            onChange={(e) => e.target.value && linkProject(workshopDoc, challenge.id, e.target.value, origin)}
          >
            <option value="">{t('challenges.linkAnyProject')}</option>
            {unlinkedProjects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name || t('project.untitled')}
              </option>
            ))}
          </select>
        </label>
      )}
      <form className="challenge-note-search" onSubmit={search} role="search">
        <input
          data-testid="challenge-note-query"
          value={query}
          placeholder={t('challenges.findNotes')}
          aria-label={t('challenges.findNotes')}
          maxLength={200}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="button small">
          {t('challenges.findNotesSubmit')}
        </button>
      </form>
      {hits && hits.length === 0 && <p className="muted small">{t('challenges.noNotesFound')}</p>}
      {hits && hits.length > 0 && (
        <ul className="challenge-note-hits">
          {hits.map((h) => {
            const done = linked(h.location.projectId!, h.location.noteId);
            return (
              <li key={h.id}>
                <span className="small">
                  <strong>{projectName(h.location.projectId)}</strong> — {h.text}
                </span>
                <button
                  type="button"
                  className="link-button small"
                  data-testid="challenge-link-hit"
                  disabled={done}
                  onClick={() => linkNote(workshopDoc, challenge.id, h.location.projectId!, h.location.noteId!, origin)}
                >
                  {done ? t('challenges.linked') : t('challenges.linkThisNote')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
