import { create } from 'zustand';
import type { Question, Task } from '../../src-shared/domain';
import { api } from '../api/client';

export interface BlockedItem {
  task: Task;
  question: Question;
}

interface BlockedState {
  /** Questions waiting for an answer; the modal shows the first. */
  queue: BlockedItem[];
  /** A task turned BLOCKED (`task.blocked`): join the end of the line. */
  enqueue(item: BlockedItem): void;
  /** On demand from a task: show it first. */
  showNow(item: BlockedItem): void;
  /** Close the question; the task stays BLOCKED. */
  dismiss(taskId: string): void;
  /** Sends the answer; the task resumes and leaves the line. Rejects with the API's error. */
  answer(taskId: string, answer: string): Promise<void>;
  /** From `task.updated`: a task no longer BLOCKED (answered elsewhere, cancelled) leaves. */
  applyTask(task: Task): void;
  forget(taskId: string): void;
}

export const useBlocked = create<BlockedState>()((set, get) => ({
  queue: [],
  enqueue(item) {
    set((s) => {
      const i = s.queue.findIndex((q) => q.task.id === item.task.id);
      if (i === -1) return { queue: [...s.queue, item] };
      const queue = s.queue.slice();
      queue[i] = item;
      return { queue };
    });
  },
  showNow(item) {
    set((s) => ({ queue: [item, ...s.queue.filter((q) => q.task.id !== item.task.id)] }));
  },
  dismiss(taskId) {
    get().forget(taskId);
  },
  async answer(taskId, answer) {
    await api().request('tasks.answer', { id: taskId, answer });
    get().forget(taskId);
  },
  applyTask(task) {
    if (task.state !== 'BLOCKED') get().forget(task.id);
  },
  forget(taskId) {
    if (!get().queue.some((q) => q.task.id === taskId)) return;
    set((s) => ({ queue: s.queue.filter((q) => q.task.id !== taskId) }));
  },
}));
