import { useState, type ReactNode } from 'react';
import {
  BoxSelect,
  Ellipsis,
  Filter,
  Flag,
  Hand,
  LayoutGrid,
  ListTree,
  MessageSquare,
  MousePointer2,
  Paperclip,
  Redo2,
  StickyNote,
  Undo2,
  Users,
} from 'lucide-react';
import { useT } from '../i18n';
import { Link } from './Link';
import type { CanvasTool } from './canvas/useBoardGestures';
import './CanvasToolbar.css';

const ICON = { size: 18, strokeWidth: 2, 'aria-hidden': true } as const;

export type ToolbarPanel = 'comments' | 'challenges' | 'partners' | 'attachments';

interface Props {
  /** null: no note can be added here (read-only). */
  onAddNote: (() => void) | null;
  addLabel: string;
  privateNotes: boolean;
  tool: CanvasTool;
  onTool: (tool: CanvasTool) => void;
  onNewCluster: (() => void) | null;
  selectedCount: number;
  onTidy: (() => void) | null;
  undo: { canUndo: boolean; canRedo: boolean; onUndo: () => void; onRedo: () => void } | null;
  filterOpen: boolean;
  filterCount: number;
  onToggleFilter: () => void;
  panel: ToolbarPanel | null;
  onPanel: (panel: ToolbarPanel) => void;
  openComments: number;
  outlineHref: string;
  status?: ReactNode;
  end?: ReactNode;
  /** Phones: only "add a note" and a button that opens the rest, so the board keeps the screen. */
  collapsible?: boolean;
}

function ToolButton({
  label,
  hint,
  testId,
  pressed,
  disabled,
  onClick,
  children,
  badge,
}: {
  label: string;
  hint?: string;
  testId: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  badge?: number;
}) {
  return (
    // The name is hidden text, not aria-label: a visible count badge must not contradict it (axe).
    <button
      type="button"
      className={`tool-button${pressed ? ' is-active' : ''}`}
      data-testid={testId}
      aria-pressed={pressed}
      title={hint ? `${label} (${hint})` : label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
      <span className="visually-hidden">{label}</span>
      {badge ? (
        <span className="tool-badge" aria-hidden="true">
          {badge}
        </span>
      ) : null}
    </button>
  );
}

/**
 * The canvas toolbar: one row of icon buttons floating over the board (it never wraps, in any
 * language — labels are tooltips and accessible names). Left: create and edit; right: panels.
 */
export function CanvasToolbar(p: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const collapsed = Boolean(p.collapsible) && !open;
  return (
    <div className={`canvas-toolbar${p.collapsible ? ' is-collapsible' : ''}`} role="toolbar" aria-label={t('toolbar.label')} data-testid="canvas-toolbar">
      <div className="toolbar-group">
        {p.onAddNote && (
          <button
            type="button"
            className={`tool-button primary${p.privateNotes ? ' is-private' : ''}`}
            data-testid="add-note"
            aria-label={p.addLabel}
            title={`${p.addLabel} (N)`}
            onClick={p.onAddNote}
          >
            <StickyNote {...ICON} />
          </button>
        )}
        {p.collapsible && (
          <button
            type="button"
            className={`tool-button${open ? ' is-active' : ''}`}
            data-testid="toolbar-more"
            aria-expanded={open}
            title={t('phone.toolbars')}
            onClick={() => setOpen(!open)}
          >
            <Ellipsis {...ICON} />
            <span className="visually-hidden">{t('phone.toolbars')}</span>
          </button>
        )}
        {!collapsed && (
          <>
            <ToolButton label={t('toolbar.select')} hint="V" testId="tool-select" pressed={p.tool === 'select'} onClick={() => p.onTool('select')}>
              <MousePointer2 {...ICON} />
            </ToolButton>
            <ToolButton label={t('toolbar.hand')} hint={t('toolbar.handHint')} testId="tool-hand" pressed={p.tool === 'hand'} onClick={() => p.onTool('hand')}>
              <Hand {...ICON} />
            </ToolButton>
            {p.onNewCluster && (
              <ToolButton
                label={p.selectedCount > 0 ? t('clusters.newFromSelection', { count: p.selectedCount }) : t('clusters.new')}
                testId="add-cluster"
                onClick={p.onNewCluster}
              >
                <BoxSelect {...ICON} />
              </ToolButton>
            )}
            {p.onTidy && (
              <ToolButton label={t('toolbar.tidy')} testId="tidy-up" onClick={p.onTidy}>
                <LayoutGrid {...ICON} />
              </ToolButton>
            )}
            {p.undo && (
              <span className="toolbar-group" role="group" aria-label={t('undo.group')}>
                <ToolButton label={t('undo.undo')} hint="Ctrl+Z" testId="undo" disabled={!p.undo.canUndo} onClick={p.undo.onUndo}>
                  <Undo2 {...ICON} />
                </ToolButton>
                <ToolButton label={t('undo.redo')} hint="Ctrl+Shift+Z" testId="redo" disabled={!p.undo.canRedo} onClick={p.undo.onRedo}>
                  <Redo2 {...ICON} />
                </ToolButton>
              </span>
            )}
            <ToolButton label={t('filter.title')} testId="toggle-filters" pressed={p.filterOpen} onClick={p.onToggleFilter} badge={p.filterCount}>
              <Filter {...ICON} />
            </ToolButton>
          </>
        )}
        {p.selectedCount > 0 && (
          <span className="toolbar-count" role="status" data-testid="selection-count">
            {t('selection.count', { count: p.selectedCount })}
          </span>
        )}
        {p.status}
      </div>
      {!collapsed && (
        <div className="toolbar-group">
          <ToolButton
            label={t('comments.tab')}
            testId="open-comments"
            pressed={p.panel === 'comments'}
            onClick={() => p.onPanel('comments')}
            badge={p.openComments}
          >
            <MessageSquare {...ICON} />
          </ToolButton>
          <ToolButton label={t('challenges.tab')} testId="open-challenges" pressed={p.panel === 'challenges'} onClick={() => p.onPanel('challenges')}>
            <Flag {...ICON} />
          </ToolButton>
          <ToolButton label={t('partners.tab')} testId="open-partners" pressed={p.panel === 'partners'} onClick={() => p.onPanel('partners')}>
            <Users {...ICON} />
          </ToolButton>
          <ToolButton label={t('attachments.tab')} testId="open-attachments" pressed={p.panel === 'attachments'} onClick={() => p.onPanel('attachments')}>
            <Paperclip {...ICON} />
          </ToolButton>
          <Link className="tool-button" data-testid="outline-toggle" href={p.outlineHref} aria-label={t('outline.open')} title={t('outline.open')}>
            <ListTree {...ICON} />
          </Link>
          {p.end}
        </div>
      )}
    </div>
  );
}
