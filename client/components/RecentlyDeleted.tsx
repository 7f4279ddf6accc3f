import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { ArchiveRestore } from 'lucide-react';
import { useT } from '../i18n';
import { deletedNotesOf } from '../sync/deletedNotes';

const EXCERPT = 60;

/**
 * The "recently deleted" menu of the toolbar: notes anyone deleted while this board was open,
 * newest first, each restorable (text, place, kind, tags and cluster) in one change.
 */
export function RecentlyDeleted({ doc, origin, canRestore }: { doc: Y.Doc; origin: unknown; canRestore: boolean }) {
  const t = useT();
  const log = deletedNotesOf(doc);
  const deleted = useSyncExternalStore(log.subscribe, log.getSnapshot);
  if (deleted.length === 0) return null;
  return (
    <details className="menu trash-menu" data-testid="trash-menu">
      <summary className="tool-button" title={t('trash.open', { count: deleted.length })} data-testid="open-trash">
        <ArchiveRestore size={18} aria-hidden="true" />
        <span className="visually-hidden">{t('trash.open', { count: deleted.length })}</span>
        <span className="tool-badge" aria-hidden="true">
          {deleted.length}
        </span>
      </summary>
      <div className="menu-popover trash-popover" role="group" aria-label={t('trash.heading')}>
        <p className="menu-title">{t('trash.heading')}</p>
        <ul className="trash-list">
          {deleted.map((d) => {
            const text = d.note.text.replace(/\s+/g, ' ').trim();
            return (
              <li key={d.note.id} className="trash-item" data-testid="trash-item" data-note-id={d.note.id}>
                <span className={`kind-chip note-${d.note.kind}`} aria-hidden="true" />
                <span className="trash-text">{text ? (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text) : t('trash.empty')}</span>
                {canRestore && (
                  <button type="button" className="button small" data-testid="trash-restore" onClick={() => log.restore(d.note.id, origin)}>
                    {t('trash.restore')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </details>
  );
}
