import type * as Y from 'yjs';

/**
 * The snapshot cache behind `useDocValue`, apart from React so it can be tested on its own: a value
 * read from a document is kept until the document changes (`invalidate`, called on every update)
 * or the key changes; with `equal`, a re-read equal to the previous value returns the previous
 * object, so whatever depends on it sees no change (a selector with equality).
 */
export class DocSelection<T> {
  private cache: { doc: Y.Doc; key: string; value: T } | null = null;
  private last: { doc: Y.Doc; value: T } | null = null;

  /** The document changed: the next `get` reads again. */
  invalidate(): void {
    this.cache = null;
  }

  get(doc: Y.Doc, key: string, read: (doc: Y.Doc) => T, equal?: (a: T, b: T) => boolean): T {
    if (this.cache?.doc !== doc || this.cache.key !== key) {
      let value = read(doc);
      if (equal && this.last?.doc === doc && equal(this.last.value, value)) value = this.last.value;
      this.cache = { doc, key, value };
      this.last = { doc, value };
    }
    return this.cache.value;
  }
}
