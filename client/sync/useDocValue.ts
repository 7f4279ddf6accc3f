import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { DocSelection } from './docSelection';

/**
 * A value read from a Y.Doc, re-read after every transaction that changed the document — and when
 * `key` changes, for reads that also depend on something outside the document (e.g. a filter).
 * The snapshot is cached per change so React sees a stable value between updates; with `equal`,
 * a re-read equal to the previous value keeps the previous object, so a change elsewhere in the
 * document re-renders nothing that depends on it (a selector with equality; see DocSelection).
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, key: string = '', equal?: (a: T, b: T) => boolean): T {
  const selection = useRef<DocSelection<T> | null>(null);
  selection.current ??= new DocSelection<T>();
  const sel = selection.current;

  const subscribe = useCallback(
    (onChange: () => void) => {
      const onUpdate = () => {
        sel.invalidate();
        onChange();
      };
      doc.on('update', onUpdate);
      // A change may have landed between render and subscription.
      sel.invalidate();
      return () => doc.off('update', onUpdate);
    },
    [doc, sel],
  );

  return useSyncExternalStore(subscribe, () => sel.get(doc, key, read, equal));
}

/** Structural equality for plain JSON-like values (counts, vote results): cheap at their sizes. */
export const sameJson = <T>(a: T, b: T): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);
