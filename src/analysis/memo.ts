/**
 * Bounded memoisation of pure functions of a string (hosts, URLs). Answers of one run cite the same
 * few hundred hosts over and over, so a small cache answers nearly every lookup; a cache that
 * fills up is emptied rather than evicted entry by entry, which bounds memory without bookkeeping
 * on every hit.
 */

/** Entries a memoised function keeps before it starts over. */
export const MEMO_LIMIT = 4096;

/** `fn`, remembering up to `limit` results. `fn` must be pure: the same key always gives the same value. */
export function memoByString<T>(fn: (key: string) => T, limit = MEMO_LIMIT): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = fn(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value as T;
  };
}
