import type { DocStorage } from '../../server/storage/Storage';

/**
 * Makes a storage's appends hang (a database that stops answering) until `release`; `restore` puts
 * the real append back and releases what was waiting. The rooms keep the same `docs` object, so
 * they see the change at once.
 */
export function stallAppends(docs: DocStorage): { release: () => void; restore: () => void } {
  const append = docs.append;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  docs.append = async (name, update) => {
    await gate;
    return append.call(docs, name, update);
  };
  return {
    release,
    restore: () => {
      docs.append = append;
      release();
    },
  };
}

/** Makes every append take `ms` longer (a database across a network); returns the restore. */
export function delayAppends(docs: DocStorage, ms: number): () => void {
  const append = docs.append;
  docs.append = async (name, update) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return append.call(docs, name, update);
  };
  return () => {
    docs.append = append;
  };
}
