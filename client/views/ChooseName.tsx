import { useState, type FormEvent } from 'react';
import { renameMe } from '../api';
import { FormError } from '../components/FormError';
import { TopBar } from '../components/TopBar';
import { useT } from '../i18n';

/** A co-facilitator link's first opening: the person chooses the name others will see. */
export function ChooseName({
  workshopId,
  token,
  title,
  initialName,
  onDone,
}: {
  workshopId: string;
  token: string;
  title: string;
  initialName: string;
  onDone: (name: string) => void;
}) {
  const t = useT();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = name.trim();
    if (!chosen || chosen.length > 60 || busy) return setFailed(!chosen || chosen.length > 60);
    setBusy(true);
    setFailed(false);
    try {
      await renameMe(workshopId, token, chosen);
      onDone(chosen);
    } catch {
      setBusy(false);
      setFailed(true);
    }
  };
  return (
    <div className="page">
      <TopBar />
      <main id="main" className="page-main narrow">
        <form className="panel lobby-card" onSubmit={submit} noValidate aria-labelledby="choose-name-heading" data-testid="choose-name">
          <h1 id="choose-name-heading" className="form-heading">
            {t('name.heading')}
          </h1>
          <p className="muted">{t('name.intro', { title })}</p>
          <label className="field">
            <span className="field-label">{t('name.label')}</span>
            <input data-testid="choose-name-input" value={name} maxLength={60} autoComplete="nickname" autoFocus onChange={(e) => setName(e.target.value)} />
          </label>
          <FormError id="choose-name-error" message={failed ? t('name.failed') : null} />
          <button type="submit" className="button primary wide" data-testid="choose-name-submit" disabled={busy}>
            {t('name.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
