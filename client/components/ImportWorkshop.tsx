import { useState, type ChangeEvent } from 'react';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { openSession } from '../session';
import './ImportWorkshop.css';

/** "Importer un atelier": a JSON export becomes a new workshop, facilitated by whoever imports it. */
export function ImportWorkshop() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const text = await file.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error('parse');
      }
      const res = await fetch('/api/workshops/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(String(res.status));
      const created = (await res.json()) as { id: string; joinCode: string; facilitatorToken: string; userId: string };
      const title = (body as { workshop?: { title?: string } }).workshop?.title ?? '';
      openSession(created.id, { token: created.facilitatorToken, userId: created.userId, title, joinCode: created.joinCode });
      navigate(paths.workshop(created.id));
    } catch (err) {
      setBusy(false);
      setError(t((err as Error).message === 'parse' ? 'import.notJson' : 'import.failed'));
    }
  };
  return (
    <section className="panel lobby-card import-card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <p className="muted">{t('import.intro')}</p>
      <label className="button" data-testid="import-label">
        {busy ? t('import.busy') : t('import.choose')}
        <input type="file" accept="application/json,.json" className="visually-hidden" data-testid="import-file" disabled={busy} onChange={onFile} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
