import { useRef, useState, type FormEvent } from 'react';
import { MAX_TITLE } from '../../shared/schema';
import type { CreateWorkshopRequest } from '../../shared/protocol';
import { ApiError, createWorkshop } from '../api';
import { checkCreate } from '../formChecks';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { openSession } from '../session';
import { apiErrorMessage, fieldMessage } from '../views/apiErrorMessage';
import { FormError } from './FormError';
import './CreateWorkshopForm.css';

export function CreateWorkshopForm() {
  const t = useT();
  const [title, setTitle] = useState('');
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<'regards-croises' | 'blank'>('regards-croises');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const fail = (message: string, field: string | null) => {
    setError({ message, field });
    (field === 'name' ? nameRef : field === 'title' ? titleRef : null)?.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const issue = checkCreate({ title, name });
    if (issue) return fail(t(fieldMessage(issue.field)), issue.field);
    setBusy(true);
    setError(null);
    try {
      const body: CreateWorkshopRequest & { template: typeof template } = { title: title.trim(), ...(name.trim() ? { name: name.trim() } : {}), template };
      const res = await createWorkshop(body);
      openSession(res.id, { token: res.facilitatorToken, userId: res.userId, title: title.trim(), joinCode: res.joinCode });
      navigate(paths.workshop(res.id));
    } catch (err) {
      setBusy(false);
      fail(apiErrorMessage(t, err, 'create'), err instanceof ApiError ? err.field : null);
    }
  };

  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'create-error' } : {});

  return (
    <form className="panel lobby-card" onSubmit={submit} noValidate aria-labelledby="create-heading">
      <h2 id="create-heading">{t('lobby.create.heading')}</h2>
      <p className="muted">{t('lobby.create.intro')}</p>
      <label className="field">
        <span className="field-label">{t('lobby.create.title')}</span>
        <input
          ref={titleRef}
          data-testid="create-title"
          value={title}
          maxLength={MAX_TITLE}
          required
          placeholder={t('lobby.create.titlePlaceholder')}
          onChange={(e) => setTitle(e.target.value)}
          {...invalid('title')}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('lobby.create.name')}</span>
        <input
          ref={nameRef}
          data-testid="create-name"
          value={name}
          maxLength={60}
          autoComplete="nickname"
          placeholder={t('lobby.create.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          {...invalid('name')}
        />
      </label>
      <fieldset className="field template-choice">
        <legend className="field-label">{t('template.label')}</legend>
        <label className="check">
          <input
            type="radio"
            name="template"
            data-testid="template-regards"
            checked={template === 'regards-croises'}
            onChange={() => setTemplate('regards-croises')}
          />
          <span>
            {t('template.regards')}
            <span className="hint"> — {t('template.regardsHint')}</span>
          </span>
        </label>
        <label className="check">
          <input type="radio" name="template" data-testid="template-blank" checked={template === 'blank'} onChange={() => setTemplate('blank')} />
          {t('template.blank')}
        </label>
      </fieldset>
      <FormError id="create-error" message={error?.message ?? null} />
      <button type="submit" className="button primary wide" data-testid="create-submit" disabled={busy}>
        {busy ? t('lobby.create.submitting') : t('lobby.create.submit')}
      </button>
    </form>
  );
}
