import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, re-read after every transaction that changed the document — and when
 * `key` changes, for reads that also depend on something outside the document (e.g. a filter).
 * The snapshot is cached per change so React sees a stable value between updates.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, key: string = ''): T {
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

  const getSnapshot = () => {
    if (cache.current?.doc !== doc || cache.current.key !== key) cache.current = { doc, key, value: readRef.current(doc) };
    return cache.current.value;
  };

  return useSyncExternalStore(subscribe, getSnapshot);
}
