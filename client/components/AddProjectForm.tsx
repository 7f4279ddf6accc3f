import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { addProject } from '../../shared/operations';
import { MAX_TITLE, type ThemeView } from '../../shared/schema';
import { useT } from '../i18n';

export function AddProjectForm({ doc, themes }: { doc: Y.Doc; themes: ThemeView[] }) {
  const t = useT();
  const [name, setName] = useState('');
  const [themeId, setThemeId] = useState('');
  const [commune, setCommune] = useState('');
  const validTheme = themes.some((th) => th.id === themeId) ? themeId : '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    addProject(doc, { id: newId(), name, commune, themeId: validTheme || null, createdAt: Date.now() });
    setName('');
    setCommune('');
  };

  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="add-project-heading">
      <h2 id="add-project-heading" className="form-heading">
        {t('workshop.addProject')}
      </h2>
      <div className="form-row">
        <label className="field grow">
          <span className="field-label">{t('workshop.projectName')}</span>
          <input
            data-testid="add-project-name"
            value={name}
            maxLength={MAX_TITLE}
            placeholder={t('workshop.projectNamePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('record.commune')}</span>
          <input data-testid="add-project-commune" value={commune} maxLength={MAX_TITLE} onChange={(e) => setCommune(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('workshop.projectTheme')}</span>
          <select data-testid="add-project-theme" value={validTheme} onChange={(e) => setThemeId(e.target.value)}>
            <option value="">{t('workshop.noTheme')}</option>
            {themes.map((th) => (
              <option key={th.id} value={th.id}>
                {th.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" data-testid="add-project-submit" disabled={!name.trim()}>
          {t('workshop.addProjectSubmit')}
        </button>
      </div>
    </form>
  );
}
