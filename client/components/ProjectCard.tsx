import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { removeProject, renameProject, setProjectTheme } from '../../shared/operations';
import type { ProjectView, ThemeView } from '../../shared/schema';
import { useT } from '../i18n';
import { paths } from '../router';
import { Link } from './Link';
import { RecordButton, RecordSummary } from './RecordSummary';
import './ProjectCard.css';
import { communeLabel } from '../../shared/communeLabel';

interface Props {
  doc: Y.Doc;
  workshopId: string;
  project: ProjectView;
  themes: ThemeView[];
  editable: boolean;
  onOpenRecord: () => void;
}

export function ProjectCard({ doc, workshopId, project, themes, editable, onOpenRecord }: Props) {
  const t = useT();
  const name = project.name || t('project.untitled');
  return (
    <li className="project-card" data-testid="project-card" data-project-id={project.id}>
      <div className="project-head">
        <h3 className="project-name">{name}</h3>
        {editable && (
          <button
            type="button"
            className="button small danger-ghost"
            data-testid="project-remove"
            aria-label={t('project.removeLabel', { name })}
            onClick={() => {
              if (window.confirm(t('project.removeConfirm', { name }))) removeProject(doc, project.id);
            }}
          >
            {t('project.remove')}
          </button>
        )}
      </div>
      {communeLabel(project) && <p className="project-commune">{communeLabel(project)}</p>}
      <RecordSummary project={project} />
      {editable && (
        <div className="project-edit">
          <ProjectNameInput doc={doc} project={project} />
          <label className="field inline">
            <span className="field-label">{t('project.theme')}</span>
            <select data-testid="project-theme" value={project.themeId ?? ''} onChange={(e) => setProjectTheme(doc, project.id, e.target.value || null)}>
              <option value="">{t('workshop.noTheme')}</option>
              {themes.map((th) => (
                <option key={th.id} value={th.id}>
                  {th.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="project-actions">
        <RecordButton project={project} onOpen={onOpenRecord} />
        <Link className="button primary" data-testid="project-open" href={paths.canvas(workshopId, project.id)} aria-label={t('project.openNamed', { name })}>
          {t('project.open')} <span aria-hidden="true">→</span>
        </Link>
      </div>
    </li>
  );
}

/**
 * Rename in place: every keystroke is written (so others see it live) except an empty name;
 * Escape restores the name it had when editing began, leaving the field restores the stored name.
 */
function ProjectNameInput({ doc, project }: { doc: Y.Doc; project: ProjectView }) {
  const t = useT();
  const [draft, setDraft] = useState(project.name);
  const editing = useRef(false);
  const original = useRef(project.name);

  useEffect(() => {
    if (!editing.current) setDraft(project.name);
  }, [project.name]);

  const write = (value: string) => {
    setDraft(value);
    if (value.trim()) renameProject(doc, project.id, value);
  };

  return (
    <label className="field inline grow">
      <span className="field-label">{t('project.rename')}</span>
      <input
        className="project-rename"
        data-testid="project-rename"
        value={draft}
        maxLength={200}
        onFocus={() => {
          editing.current = true;
          original.current = project.name;
        }}
        onChange={(e) => write(e.target.value)}
        onBlur={() => {
          editing.current = false;
          if (!draft.trim()) setDraft(project.name);
          else if (draft !== draft.trim()) setDraft(draft.trim());
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            write(original.current);
            e.currentTarget.blur();
          }
        }}
      />
    </label>
  );
}
