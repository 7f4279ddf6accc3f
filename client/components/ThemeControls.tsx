import { useEffect, useRef, useState } from 'react';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import type * as Y from 'yjs';
import { MAX_TITLE, type ThemeView } from '../../shared/schema';
import { moveTheme, removeTheme, renameTheme } from '../../shared/themes';
import { useT } from '../i18n';
import './ThemeControls.css';

/**
 * A facilitator's controls on a theme heading: the name, renamed in place (written as typed, never to an empty
 * name), move up or down, remove (its projects move to "no theme"; nothing else is lost).
 */
export function ThemeNameInput({ doc, theme }: { doc: Y.Doc; theme: ThemeView }) {
  const t = useT();
  const [draft, setDraft] = useState(theme.name);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(theme.name);
  }, [theme.name]);
  return (
    <input
      className="theme-rename"
      data-testid="theme-rename"
      aria-label={t('theme.rename', { name: theme.name })}
      value={draft}
      maxLength={MAX_TITLE}
      onFocus={() => {
        editing.current = true;
      }}
      onBlur={() => {
        editing.current = false;
        setDraft(theme.name);
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        renameTheme(doc, theme.id, e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}

export function ThemeControls({ doc, theme, first, last }: { doc: Y.Doc; theme: ThemeView; first: boolean; last: boolean }) {
  const t = useT();
  return (
    <span className="theme-controls">
      <button
        type="button"
        className="icon-button"
        data-testid="theme-up"
        disabled={first}
        aria-label={t('theme.up', { name: theme.name })}
        title={t('theme.up', { name: theme.name })}
        onClick={() => moveTheme(doc, theme.id, -1)}
      >
        <ArrowUp size={16} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="theme-down"
        disabled={last}
        aria-label={t('theme.down', { name: theme.name })}
        title={t('theme.down', { name: theme.name })}
        onClick={() => moveTheme(doc, theme.id, 1)}
      >
        <ArrowDown size={16} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="theme-remove"
        aria-label={t('theme.remove', { name: theme.name })}
        title={t('theme.remove', { name: theme.name })}
        onClick={() => {
          if (window.confirm(t('theme.removeConfirm', { name: theme.name }))) removeTheme(doc, theme.id);
        }}
      >
        <Trash2 size={16} aria-hidden="true" />
      </button>
    </span>
  );
}
