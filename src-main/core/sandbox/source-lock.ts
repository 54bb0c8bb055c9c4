const tails = new Map<string, Promise<void>>();

/**
 * Runs `fn` after every earlier call with the same key has settled. Landing to
 * one source from this process is serialised so concurrent tasks do not turn
 * every push into a reject-fetch-rebase round; other processes are covered by
 * landSandbox's retry loop.
 */
export async function withSourceLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    // Drop the entry once nobody queued behind us, so the map does not grow.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
