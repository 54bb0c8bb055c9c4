import { create } from 'zustand';
import type { CommitDiff } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

interface CommitDiffState {
  taskId: string | null;
  hash: string | null;
  diff: CommitDiff | null;
  loading: boolean;
  error: string | null;
  show(taskId: string, hash: string): Promise<void>;
  close(): void;
}

/** The commit whose diff is shown in the task detail. */
export const useCommitDiff = create<CommitDiffState>()((set, get) => ({
  taskId: null,
  hash: null,
  diff: null,
  loading: false,
  error: null,
  async show(taskId, hash) {
    set({ taskId, hash, diff: null, loading: true, error: null });
    try {
      const diff = await api().request('commits.diff', { taskId, hash });
      if (get().hash === hash && get().taskId === taskId) set({ diff, loading: false });
    } catch (err) {
      if (get().hash === hash && get().taskId === taskId) {
        set({ loading: false, error: errorMessage(err) });
      }
    }
  },
  close() {
    set({ taskId: null, hash: null, diff: null, loading: false, error: null });
  },
}));
