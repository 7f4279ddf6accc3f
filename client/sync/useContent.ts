import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { labelIn, readTaxonomy, type TagLang, type TagView } from '../../shared/taxonomy';
import type { ClusterView } from '../../shared/clusters';
import { contentIndexOf } from './contentIndex';
import { openCommentCounts, readThreads, type ThreadView } from '../../shared/comments';
import { readChallenges, type ChallengeView } from '../../shared/challenges';
import { readPartnerInterests, type PartnerInterestView } from '../../shared/partners';
import { createUserOrigin, createUserUndoManager, type UserOrigin } from '../../shared/undo';
import { useLang } from '../i18n';
import { sameJson, useDocValue } from './useDocValue';

/** Read hooks over the content model (shared/*): each re-reads after every change of its document. */
export const useTaxonomy = (workshopDoc: Y.Doc): TagView[] => useDocValue(workshopDoc, readTaxonomy);
/** Clusters with their members, from the incremental index: a note moved or typed in re-reads nothing. */
export function useClusters(doc: Y.Doc): ClusterView[] {
  const index = contentIndexOf(doc);
  return useSyncExternalStore(index.subscribeClusters, index.getClusters);
}
export const useThreads = (doc: Y.Doc): ThreadView[] => useDocValue(doc, readThreads);
export const useOpenCounts = (doc: Y.Doc): Record<string, number> => useDocValue(doc, openCommentCounts, '', sameJson);
export const useChallenges = (workshopDoc: Y.Doc): ChallengeView[] => useDocValue(workshopDoc, readChallenges);
export const usePartners = (doc: Y.Doc): PartnerInterestView[] => useDocValue(doc, readPartnerInterests);

/** Tag ids per note id, from the incremental index (only touched notes are re-read). */
export function useNoteTags(doc: Y.Doc): Record<string, string[]> {
  const index = contentIndexOf(doc);
  return useSyncExternalStore(index.subscribeTags, index.getTags);
}

/** Tags are labelled in the UI language; a tag without a Dutch or German label shows its English one. */
export function useTagLang(): TagLang {
  const [lang] = useLang();
  return lang;
}

export function labelOf(tag: TagView, lang: TagLang): string {
  return labelIn(tag, lang);
}

/** One origin object per user session: every local change is attributed to it (per-user undo). */
const origins = new Map<string, UserOrigin>();
export function userOrigin(userId: string): UserOrigin {
  let o = origins.get(userId);
  if (!o) {
    o = createUserOrigin(userId);
    origins.set(userId, o);
  }
  return o;
}

export interface UndoState {
  manager: Y.UndoManager | null;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The per-user undo manager of a project document. Local changes made without an origin (older
 * code paths such as adding a note) are local by definition, so they are tracked too; remote
 * updates carry the provider as origin and never land on the stack.
 */
export function useUndoManager(doc: Y.Doc, userId: string): UndoState {
  const manager = useMemo(() => {
    const m = createUserUndoManager(doc, userOrigin(userId));
    m.addTrackedOrigin(null);
    return m;
  }, [doc, userId]);
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    // Same flags, same object: a keystroke (one more stack item) re-renders nothing.
    const update = () =>
      setState((prev) =>
        prev.canUndo === manager.canUndo() && prev.canRedo === manager.canRedo() ? prev : { canUndo: manager.canUndo(), canRedo: manager.canRedo() },
      );
    manager.on('stack-item-added', update);
    manager.on('stack-item-popped', update);
    manager.on('stack-cleared', update);
    return () => {
      manager.off('stack-item-added', update);
      manager.off('stack-item-popped', update);
      manager.off('stack-cleared', update);
      manager.destroy();
    };
  }, [manager]);
  return { manager, ...state };
}
