/**
 * `Registry.exclusive` for storage that one process owns (SQLite, memory): calls of the same name
 * run one after the other.
 */
export function localExclusive() {
  const tails = new Map<string, Promise<unknown>>();
  return async function exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    const before = tails.get(name) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    try {
      return await run;
    } finally {
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}
