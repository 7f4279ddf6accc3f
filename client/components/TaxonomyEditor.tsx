import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { addTag, removeTag, renameTag, seedTaxonomy, type TagView } from '../../shared/taxonomy';
import { useT } from '../i18n';
import { useTaxonomy, userOrigin } from '../sync/useContent';
import './TaxonomyEditor.css';

/** Facilitators: the workshop's technology taxonomy (labels in French and English). */
export function TaxonomyEditor({ doc, userId }: { doc: Y.Doc; userId: string }) {
  const t = useT();
  const tags = useTaxonomy(doc);
  const origin = userOrigin(userId);
  const [fr, setFr] = useState('');
  const [en, setEn] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (addTag(doc, { id: newId(8), fr, en }, origin)) {
      setFr('');
      setEn('');
    }
  };
  return (
    <section className="panel taxonomy-editor" aria-labelledby="taxonomy-heading" data-testid="taxonomy-editor">
      <h2 id="taxonomy-heading" className="section-heading">
        {t('taxonomy.heading')}
      </h2>
      <p className="muted small">{t('taxonomy.intro')}</p>
      {tags.length === 0 ? (
        <button type="button" className="button small" data-testid="taxonomy-seed" onClick={() => seedTaxonomy(doc, undefined, origin)}>
          {t('taxonomy.seed')}
        </button>
      ) : (
        <ul className="taxonomy-list">
          {tags.map((tag) => (
            <TagRow key={tag.id} doc={doc} tag={tag} origin={origin} />
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <label className="field inline grow">
          <span className="field-label">{t('taxonomy.labelFr')}</span>
          <input data-testid="taxonomy-new-fr" value={fr} maxLength={60} onChange={(e) => setFr(e.target.value)} />
        </label>
        <label className="field inline grow">
          <span className="field-label">{t('taxonomy.labelEn')}</span>
          <input data-testid="taxonomy-new-en" value={en} maxLength={60} onChange={(e) => setEn(e.target.value)} />
        </label>
        <button type="submit" className="button small primary" data-testid="taxonomy-add" disabled={!fr.trim()}>
          {t('taxonomy.add')}
        </button>
      </form>
    </section>
  );
}

function TagRow({ doc, tag, origin }: { doc: Y.Doc; tag: TagView; origin: ReturnType<typeof userOrigin> }) {
  const t = useT();
  const [fr, setFr] = useState(tag.fr);
  const [en, setEn] = useState(tag.en);
  const dirty = fr !== tag.fr || en !== tag.en;
  return (
    <li className="taxonomy-row" data-testid="taxonomy-tag">
      <input aria-label={t('taxonomy.labelFrOf', { label: tag.fr })} value={fr} maxLength={60} onChange={(e) => setFr(e.target.value)} />
      <input aria-label={t('taxonomy.labelEnOf', { label: tag.fr })} value={en} maxLength={60} onChange={(e) => setEn(e.target.value)} />
      <button type="button" className="button small" disabled={!dirty} onClick={() => renameTag(doc, tag.id, { fr, en }, origin)}>
        {t('taxonomy.rename')}
      </button>
      <button
        type="button"
        className="button small danger-ghost"
        aria-label={t('taxonomy.removeLabel', { label: tag.fr })}
        onClick={() => window.confirm(t('taxonomy.removeConfirm', { label: tag.fr })) && removeTag(doc, tag.id, origin)}
      >
        {t('taxonomy.remove')}
      </button>
    </li>
  );
}
