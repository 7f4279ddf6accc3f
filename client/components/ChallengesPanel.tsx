import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import {
  addChallenge,
  linkNote,
  linkProject,
  mergeChallenges,
  queryChallenges,
  removeChallenge,
  toggleChallengeVote,
  unlink,
  type ChallengeSort,
  type ChallengeView,
} from '../../shared/challenges';
import { canWrite, type Principal } from '../../shared/protocol';
import { readNotes, type WorkshopView } from '../../shared/schema';
import { useT } from '../i18n';
import { paths } from '../router';
import { useChallenges, userOrigin } from '../sync/useContent';
import type { LazyDocs } from '../sync/useLazyProjectDocs';
import { ChallengeLinker } from './ChallengeLinker';
import { Link } from './Link';
import { SimilarSuggestions } from './SimilarSuggestions';
import './CanvasSidePanel.css';
import './ChallengesPanel.css';

interface Props {
  workshopId: string;
  workshopDoc: Y.Doc;
  workshop: WorkshopView;
  me: Principal;
  /** On a canvas: the project (to link it, and to show note excerpts of its own notes). */
  projectId: string | null;
  projectDoc: Y.Doc | null;
  lazy: LazyDocs;
  /** The challenge to show first (just created). */
  focusId?: string | null;
  /** The challenges page passes the token: linking to any project and to notes found by search. */
  token?: string;
}

/** The workshop's common challenges: create, vote, link, merge, filter by theme and project. */
export function ChallengesPanel({ workshopId, workshopDoc, workshop, me, projectId, projectDoc, lazy, focusId, token }: Props) {
  const t = useT();
  const all = useChallenges(workshopDoc);
  const origin = userOrigin(me.userId);
  const writable = canWrite(me.role);
  const [sort, setSort] = useState<ChallengeSort>('votes');
  const [themeId, setThemeId] = useState('');
  const [filterProject, setFilterProject] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [newTheme, setNewTheme] = useState('');
  const projectTheme = (id: string) => workshop.projects.find((p) => p.id === id)?.themeId ?? null;
  const list = useMemo(
    () => queryChallenges(all, { sort, ...(themeId ? { themeId } : {}), ...(filterProject ? { projectId: filterProject } : {}) }, projectTheme),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [all, sort, themeId, filterProject, workshop],
  );
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const ch of all) for (const p of ch.projectIds) c[p] = (c[p] ?? 0) + 1;
    return c;
  }, [all]);
  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  const noteTexts = useMemo(() => {
    const m = new Map<string, string>();
    const docs = { ...lazy.docs, ...(projectId && projectDoc ? { [projectId]: projectDoc } : {}) };
    for (const [p, d] of Object.entries(docs)) for (const n of readNotes(d)) m.set(`${p}:${n.id}`, n.text);
    return m;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectDoc, projectId, lazy.docs, lazy.version, all]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const id = newId();
    if (!addChallenge(workshopDoc, { id, title, description, themeId: newTheme || null, createdBy: me.userId, createdAt: Date.now() }, origin)) return;
    if (projectId) linkProject(workshopDoc, id, projectId, origin);
    setTitle('');
    setDescription('');
  };

  return (
    <div className="challenges" data-testid="challenges-panel">
      <div className="challenge-filters">
        <label className="field inline">
          <span className="field-label">{t('challenges.sort')}</span>
          <select value={sort} data-testid="challenge-sort" onChange={(e) => setSort(e.target.value as ChallengeSort)}>
            <option value="votes">{t('challenges.sortVotes')}</option>
            <option value="newest">{t('challenges.sortNewest')}</option>
            <option value="oldest">{t('challenges.sortOldest')}</option>
          </select>
        </label>
        <label className="field inline">
          <span className="field-label">{t('challenges.theme')}</span>
          <select value={themeId} data-testid="challenge-theme-filter" onChange={(e) => setThemeId(e.target.value)}>
            <option value="">{t('challenges.allThemes')}</option>
            {workshop.themes.map((th) => (
              <option key={th.id} value={th.id}>
                {th.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span className="field-label">{t('challenges.project')}</span>
          <select value={filterProject} data-testid="challenge-project-filter" onChange={(e) => setFilterProject(e.target.value)}>
            <option value="">{t('challenges.allProjects')}</option>
            {workshop.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {(p.name || t('project.untitled')) + ` (${counts[p.id] ?? 0})`}
              </option>
            ))}
          </select>
        </label>
      </div>

      {list.length === 0 ? (
        <p className="muted">{t('challenges.empty')}</p>
      ) : (
        <ol className="challenge-list">
          {list.map((c) => (
            <ChallengeItem
              key={c.id}
              c={c}
              all={all}
              workshopId={workshopId}
              workshopDoc={workshopDoc}
              me={me}
              projectId={projectId}
              projectName={projectName}
              noteText={(p, id) => noteTexts.get(`${p}:${id}`) ?? null}
              focused={c.id === focusId}
              linker={
                projectId === null && token && writable ? (
                  <ChallengeLinker workshopId={workshopId} token={token} workshopDoc={workshopDoc} challenge={c} projects={workshop.projects} origin={origin} />
                ) : null
              }
            />
          ))}
        </ol>
      )}

      {writable && (
        <form className="challenge-form" onSubmit={create} aria-labelledby="challenge-new-heading">
          <h3 id="challenge-new-heading" className="side-subheading">
            {t('challenges.new')}
          </h3>
          <label className="field">
            <span className="field-label">{t('challenges.title')}</span>
            <input data-testid="challenge-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('challenges.description')}</span>
            <textarea data-testid="challenge-description" value={description} rows={2} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('challenges.theme')}</span>
            <select value={newTheme} onChange={(e) => setNewTheme(e.target.value)}>
              <option value="">{t('workshop.noTheme')}</option>
              {workshop.themes.map((th) => (
                <option key={th.id} value={th.id}>
                  {th.name}
                </option>
              ))}
            </select>
          </label>
          {title.trim().length > 2 && (
            <SimilarSuggestions
              workshopId={workshopId}
              query={`${title} ${description}`}
              excludeProjectId={null}
              lazy={lazy}
              projectName={projectName}
              challenges={all}
            />
          )}
          <button type="submit" className="button primary small" data-testid="challenge-create" disabled={!title.trim()}>
            {projectId ? t('challenges.createForProject') : t('challenges.create')}
          </button>
        </form>
      )}
    </div>
  );
}

function ChallengeItem({
  c,
  all,
  workshopId,
  workshopDoc,
  me,
  projectId,
  projectName,
  noteText,
  focused,
  linker,
}: {
  c: ChallengeView;
  all: ChallengeView[];
  workshopId: string;
  workshopDoc: Y.Doc;
  me: Principal;
  projectId: string | null;
  projectName: (id: string) => string;
  noteText: (projectId: string, noteId: string) => string | null;
  focused: boolean;
  /** On the challenges page: linking to any project, or to notes found by search. */
  linker: ReactNode;
}) {
  const t = useT();
  const origin = userOrigin(me.userId);
  const writable = canWrite(me.role);
  const voted = c.voters.includes(me.userId);
  const projectLinked = projectId !== null && c.links.some((l) => l.projectId === projectId && l.noteId === null);
  const byProject = c.projectIds.map((p) => ({ projectId: p, notes: c.links.filter((l) => l.projectId === p && l.noteId !== null) }));
  return (
    <li className={`challenge${focused ? ' is-focused' : ''}`} data-testid="challenge" data-challenge-id={c.id}>
      <div className="challenge-head">
        <button
          type="button"
          className={`vote-toggle${voted ? ' is-on' : ''}`}
          data-testid="challenge-vote"
          aria-pressed={voted}
          disabled={!writable}
          aria-label={t(voted ? 'challenges.unvote' : 'challenges.vote', { title: c.title })}
          onClick={() => toggleChallengeVote(workshopDoc, c.id, me.userId, origin)}
        >
          <span aria-hidden="true">▲</span>
          <span data-testid="challenge-votes">{c.votes}</span>
        </button>
        <div className="challenge-body">
          <p className="challenge-title" data-testid="challenge-title-text">
            {c.title}
          </p>
          {c.description && <p className="challenge-description">{c.description}</p>}
          <p className="muted small">
            {t('challenges.linkedCount', { count: c.projectIds.length })}
            {c.mergedFrom.length > 0 ? ` · ${t('challenges.mergedCount', { count: c.mergedFrom.length })}` : ''}
          </p>
        </div>
      </div>
      {byProject.length > 0 && (
        <ul className="challenge-links" aria-label={t('challenges.links')}>
          {byProject.map(({ projectId: p, notes }) => (
            <li key={p} data-testid="challenge-link-project">
              <Link href={paths.canvas(workshopId, p)}>{projectName(p)}</Link>
              {notes.length > 0 && (
                <ul>
                  {notes.map((l) => (
                    <li key={l.noteId} data-testid="challenge-link-note">
                      <Link href={paths.note(workshopId, p, l.noteId!)}>{noteText(p, l.noteId!) || t('challenges.aNote')}</Link>
                      {writable && (
                        <button
                          type="button"
                          className="link-button small"
                          aria-label={t('challenges.unlinkNote')}
                          onClick={() => unlink(workshopDoc, c.id, { projectId: p, noteId: l.noteId }, origin)}
                        >
                          {t('challenges.unlink')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {linker}
      {writable && (
        <div className="challenge-actions">
          {projectId && (
            <button
              type="button"
              className="button small"
              data-testid="challenge-link-project-toggle"
              onClick={() =>
                projectLinked ? unlink(workshopDoc, c.id, { projectId, noteId: null }, origin) : linkProject(workshopDoc, c.id, projectId, origin)
              }
            >
              {projectLinked ? t('challenges.unlinkProject') : t('challenges.linkProject')}
            </button>
          )}
          <label className="field inline merge-field">
            <span className="visually-hidden">{t('challenges.mergeInto')}</span>
            <select
              data-testid="challenge-merge"
              value=""
              onChange={(e) => {
                const target = e.target.value;
                if (target && window.confirm(t('challenges.mergeConfirm')))
                  mergeChallenges(workshopDoc, { sourceId: c.id, targetId: target, mergedAt: Date.now() }, origin);
              }}
            >
              <option value="">{t('challenges.mergeInto')}</option>
              {all
                .filter((o) => o.id !== c.id)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.title}
                  </option>
                ))}
            </select>
          </label>
          {(me.role === 'facilitator' || c.createdBy === me.userId) && (
            <button
              type="button"
              className="button small danger-ghost"
              onClick={() => window.confirm(t('challenges.removeConfirm')) && removeChallenge(workshopDoc, c.id, origin)}
            >
              {t('challenges.remove')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Links a note to an existing challenge (select), used on the note details. */
export function LinkNoteToChallenge({
  workshopDoc,
  challenges,
  projectId,
  noteId,
  me,
}: {
  workshopDoc: Y.Doc;
  challenges: ChallengeView[];
  projectId: string;
  noteId: string;
  me: Principal;
}) {
  const t = useT();
  const candidates = challenges.filter((c) => !c.links.some((l) => l.projectId === projectId && l.noteId === noteId));
  if (candidates.length === 0) return null;
  return (
    <label className="field">
      <span className="field-label">{t('challenges.linkNote')}</span>
      <select
        data-testid="note-link-challenge"
        value=""
        onChange={(e) => e.target.value && linkNote(workshopDoc, e.target.value, projectId, noteId, userOrigin(me.userId))}
      >
        <option value="">{t('challenges.choose')}</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}
