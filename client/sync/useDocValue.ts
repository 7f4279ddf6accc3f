import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, re-read after every transaction that changed the document — and when
 * `key` changes, for reads that also depend on something outside the document (e.g. a filter).
 * The snapshot is cached per change so React sees a stable value between updates; with `equal`,
 * a re-read equal to the previous value keeps the previous object, so a change elsewhere in the
 * document re-renders nothing that depends on it (a selector with equality).
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, key: string = '', equal?: (a: T, b: T) => boolean): T {
  const cache = useRef<{ doc: Y.Doc; key: string; value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;

  const subscribe = useCallback(
    (onChange: () => void) => {
      const onUpdate = () => {
        cache.current = null;
        onChange();
      };
      doc.on('update', onUpdate);
      // A change may have landed between render and subscription.
      cache.current = null;
      return () => doc.off('update', onUpdate);
    },
    [doc],
  );

  const last = useRef<{ doc: Y.Doc; value: T } | null>(null);
  const getSnapshot = () => {
    if (cache.current?.doc !== doc || cache.current.key !== key) {
      let value = readRef.current(doc);
      if (equal && last.current?.doc === doc && equal(last.current.value, value)) value = last.current.value;
      cache.current = { doc, key, value };
      last.current = { doc, value };
    }
    return cache.current.value;
  };

  return useSyncExternalStore(subscribe, getSnapshot);
}

/** Structural equality for plain JSON-like values (counts, vote results): cheap at their sizes. */
export const sameJson = <T>(a: T, b: T): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);
