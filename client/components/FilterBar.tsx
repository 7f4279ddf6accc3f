import { COMMUNITIES, NOTE_KINDS, ROLES, type Community, type NoteKind, type Role } from '../../shared/schema';
import type { NoteFilter } from '../../shared/taxonomy';
import type { TagView } from '../../shared/taxonomy';
import { useT } from '../i18n';
import { labelOf, useTagLang } from '../sync/useContent';
import './FilterBar.css';
import './CommentThread.css';

export interface FilterState {
  tags: string[];
  kinds: NoteKind[];
  roles: Role[];
  communities: Community[];
}

export const EMPTY_FILTER: FilterState = { tags: [], kinds: [], roles: [], communities: [] };
export const filterActive = (f: FilterState) => f.tags.length + f.kinds.length + f.roles.length + f.communities.length > 0;
export const toNoteFilter = (f: FilterState): NoteFilter => ({ tags: f.tags, kinds: f.kinds, roles: f.roles, communities: f.communities });

const toggle = <T,>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

interface Props {
  taxonomy: TagView[];
  filter: FilterState;
  onChange: (f: FilterState) => void;
  matching: number;
  total: number;
}

/** Highlights the notes matching tags, kind and author role/community; the others are dimmed. */
export function FilterBar({ taxonomy, filter, onChange, matching, total }: Props) {
  const t = useT();
  const lang = useTagLang();
  const active = filterActive(filter);
  return (
    <div className="filter-bar" role="group" aria-label={t('filter.label')} data-testid="filter-bar">
      <span className="filter-title">{t('filter.title')}</span>
      <details className="filter-menu">
        <summary className="button small" data-testid="filter-tags">
          {t('filter.tags')}
          {filter.tags.length > 0 && <span className="count">{filter.tags.length}</span>}
        </summary>
        <div className="filter-popover">
          {taxonomy.length === 0 && <p className="muted small">{t('tags.none')}</p>}
          {taxonomy.map((tag) => (
            <label key={tag.id} className="check">
              <input
                type="checkbox"
                data-testid="filter-tag"
                data-tag-id={tag.id}
                checked={filter.tags.includes(tag.id)}
                onChange={() => onChange({ ...filter, tags: toggle(filter.tags, tag.id) })}
              />
              {labelOf(tag, lang)}
            </label>
          ))}
        </div>
      </details>
      <div className="chip-group" role="group" aria-label={t('filter.kinds')}>
        {NOTE_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={`filter-chip kind-chip note-${k}`}
            data-testid="filter-kind"
            data-kind={k}
            aria-pressed={filter.kinds.includes(k)}
            onClick={() => onChange({ ...filter, kinds: toggle(filter.kinds, k) })}
          >
            {t(`kind.${k}`)}
          </button>
        ))}
      </div>
      <details className="filter-menu">
        <summary className="button small" data-testid="filter-authors">
          {t('filter.authors')}
          {filter.roles.length + filter.communities.length > 0 && <span className="count">{filter.roles.length + filter.communities.length}</span>}
        </summary>
        <div className="filter-popover">
          <p className="filter-popover-title">{t('filter.roles')}</p>
          {ROLES.filter((r) => r !== 'viewer').map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                data-testid="filter-role"
                data-role={r}
                checked={filter.roles.includes(r)}
                onChange={() => onChange({ ...filter, roles: toggle(filter.roles, r) })}
              />
              {t(`roleShort.${r}`)}
            </label>
          ))}
          <p className="filter-popover-title">{t('filter.communities')}</p>
          {COMMUNITIES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                data-testid="filter-community"
                data-community={c}
                checked={filter.communities.includes(c)}
                onChange={() => onChange({ ...filter, communities: toggle(filter.communities, c) })}
              />
              <span className={`community-dot community-${c}`} aria-hidden="true" />
              {t(`community.${c}`)}
            </label>
          ))}
          <p className="hint">{t('filter.authorsHint')}</p>
        </div>
      </details>
      {active && (
        <>
          <span className="filter-count" role="status" data-testid="filter-count">
            {t('filter.count', { matching, total })}
          </span>
          <button type="button" className="button small ghost" data-testid="filter-clear" onClick={() => onChange(EMPTY_FILTER)}>
            {t('filter.clear')}
          </button>
        </>
      )}
    </div>
  );
}
