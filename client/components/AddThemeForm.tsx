import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { addTheme } from '../../shared/operations';
import { MAX_TITLE } from '../../shared/schema';
import { useT } from '../i18n';

export function AddThemeForm({ doc }: { doc: Y.Doc }) {
  const t = useT();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    addTheme(doc, { id: newId(), name });
    setName('');
  };
  return (
    <form className="inline-form compact" onSubmit={submit}>
      <label className="field grow">
        <span className="field-label">{t('workshop.addTheme')}</span>
        <input
          data-testid="add-theme-name"
          value={name}
          maxLength={MAX_TITLE}
          placeholder={t('workshop.themeName')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button type="submit" className="button" data-testid="add-theme-submit" disabled={!name.trim()}>
        {t('workshop.addThemeSubmit')}
      </button>
    </form>
  );
}
