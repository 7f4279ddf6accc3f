import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from a Y.Doc, re-read after every transaction that changed the document.
 * The snapshot is cached per change so React sees a stable value between updates.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const cache = useRef<{ doc: Y.Doc; value: T } | null>(null);
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
    if (cache.current?.doc !== doc) cache.current = { doc, value: readRef.current(doc) };
    return cache.current.value;
  };

  return useSyncExternalStore(subscribe, getSnapshot);
}
