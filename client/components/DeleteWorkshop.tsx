import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { clearSession } from '../session';
import './TaxonomyEditor.css';
import './DeleteWorkshop.css';

/** GDPR: facilitators erase the workshop and everything in it, after typing its title. */
export function DeleteWorkshop({ workshopId, token, title }: { workshopId: string; token: string; title: string }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expected = title.trim() || workshopId;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim() !== expected || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok && res.status !== 404) throw new Error(String(res.status));
      clearSession(workshopId);
      navigate(paths.lobby(), { replace: true, state: { notice: 'deleted' } });
    } catch {
      setBusy(false);
      setError(t('delete.failed'));
    }
  };
  return (
    <details className="panel danger-zone" data-testid="delete-workshop">
      <summary>{t('delete.heading')}</summary>
      <form onSubmit={submit}>
        <p>{t('delete.intro')}</p>
        <label className="field">
          <span className="field-label">{t('delete.confirmLabel', { title: expected })}</span>
          <input data-testid="delete-confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button danger" data-testid="delete-submit" disabled={typed.trim() !== expected || busy}>
          {t('delete.submit')}
        </button>
      </form>
    </details>
  );
}
