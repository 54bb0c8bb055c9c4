import { create } from 'zustand';
import type { QueueState, Task } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

interface QueueStoreState {
  queue: QueueState | null;
  error: string | null;
  /** task id → when it retries, for every task waiting on a rate limit. */
  retryAt: Record<string, string>;
  load(): Promise<void>;
  apply(queue: QueueState): void;
  /** Tracks rate-limited tasks from `task.updated` (and the initial list). */
  applyTask(task: Task): void;
  forgetTask(id: string): void;
}

export const useQueue = create<QueueStoreState>()((set, get) => ({
  queue: null,
  error: null,
  retryAt: {},
  async load() {
    try {
      const [queue, limited] = await Promise.all([
        api().request('queue.state', {}),
        api().request('tasks.list', { state: 'RATE_LIMITED', limit: 1000 }),
      ]);
      const retryAt: Record<string, string> = {};
      for (const t of limited.tasks) if (t.retryAt) retryAt[t.id] = t.retryAt;
      set({ queue, retryAt, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  apply(queue) {
    set({ queue, error: null });
  },
  applyTask(task) {
    const has = task.id in get().retryAt;
    if (task.state === 'RATE_LIMITED' && task.retryAt) {
      if (get().retryAt[task.id] !== task.retryAt) {
        set((s) => ({ retryAt: { ...s.retryAt, [task.id]: task.retryAt! } }));
      }
    } else if (has) {
      get().forgetTask(task.id);
    }
  },
  forgetTask(id) {
    if (!(id in get().retryAt)) return;
    set((s) => {
      const next = { ...s.retryAt };
      delete next[id];
      return { retryAt: next };
    });
  },
}));

/** The soonest rate-limit retry, as epoch ms; null when no task waits. */
export function nextRetry(retryAt: Record<string, string>): number | null {
  let soonest: number | null = null;
  for (const iso of Object.values(retryAt)) {
    const t = Date.parse(iso);
    if (!Number.isNaN(t) && (soonest === null || t < soonest)) soonest = t;
  }
  return soonest;
}
