import { create } from 'zustand';
import { isStale } from '../lib/task-rev';
import type { Execution, Task, TaskDetail } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

const REFRESH_DEBOUNCE_MS = 250;

interface TaskDetailState {
  openTaskId: string | null;
  /** The open task's detail; null until it loaded (or when nothing is open). */
  detail: TaskDetail | null;
  loading: boolean;
  error: string | null;
  /** The execution the transcript and logs show; null follows the newest. */
  pinnedExecutionId: string | null;
  open(id: string | null): void;
  refresh(): Promise<void>;
  /** Refreshes soon, once for a burst of changes. */
  refreshSoon(): void;
  pinExecution(id: string | null): void;
  applyUpdated(task: Task): void;
  applyDeleted(id: string): void;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let requestNo = 0;

export const useTaskDetail = create<TaskDetailState>()((set, get) => ({
  openTaskId: null,
  detail: null,
  loading: false,
  error: null,
  pinnedExecutionId: null,

  open(id) {
    if (id === get().openTaskId) {
      if (id) void get().refresh();
      return;
    }
    set({ openTaskId: id, detail: null, error: null, pinnedExecutionId: null, loading: !!id });
    if (id) void get().refresh();
  },

  async refresh() {
    const id = get().openTaskId;
    if (!id) return;
    const no = ++requestNo;
    try {
      const detail = await api().request('tasks.get', { id });
      if (no !== requestNo || get().openTaskId !== id) return;
      set({ detail, loading: false, error: null });
    } catch (err) {
      if (no !== requestNo || get().openTaskId !== id) return;
      set({ loading: false, error: errorMessage(err) });
    }
  },

  refreshSoon() {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void get().refresh();
    }, REFRESH_DEBOUNCE_MS);
  },

  pinExecution(id) {
    set({ pinnedExecutionId: id });
  },

  applyUpdated(task) {
    const { detail, openTaskId } = get();
    if (!detail) return;
    if (task.id === openTaskId) {
      if (isStale(detail.task, task)) return;
      set({ detail: { ...detail, task } });
      // executions, commits and history change with it
      get().refreshSoon();
      return;
    }
    if (detail.subtasks.some((s) => s.id === task.id)) {
      set({
        detail: { ...detail, subtasks: detail.subtasks.map((s) => (s.id === task.id ? task : s)) },
      });
    } else if (task.parentId === openTaskId) {
      set({ detail: { ...detail, subtasks: [...detail.subtasks, task] } });
    }
  },

  applyDeleted(id) {
    const { detail, openTaskId } = get();
    if (id === openTaskId) {
      set({ openTaskId: null, detail: null, error: null, pinnedExecutionId: null });
      return;
    }
    if (detail?.subtasks.some((s) => s.id === id)) {
      set({ detail: { ...detail, subtasks: detail.subtasks.filter((s) => s.id !== id) } });
    }
  },
}));

/** The execution shown: the pinned one, else the newest. */
export function shownExecution(
  detail: TaskDetail | null,
  pinnedId: string | null,
): Execution | null {
  if (!detail || detail.executions.length === 0) return null;
  if (pinnedId) {
    const pinned = detail.executions.find((e) => e.id === pinnedId);
    if (pinned) return pinned;
  }
  return detail.executions[detail.executions.length - 1]!;
}
