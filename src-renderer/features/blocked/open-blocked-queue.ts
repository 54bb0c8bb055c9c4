import { api } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { useBlocked } from '../../stores/blocked-store';
import { toast } from '../../stores/toasts-store';

/** Puts every blocked task's question in line for the modal (from the status bar). */
export async function openBlockedQueue(): Promise<void> {
  try {
    const page = await api().request('tasks.list', { state: 'BLOCKED', limit: 500 });
    const withQuestion = page.tasks.filter((t) => t.question);
    if (withQuestion.length === 0) {
      toast.info('No task is waiting for an answer');
      return;
    }
    // Oldest question first: the list comes newest first.
    for (const task of [...withQuestion].reverse()) {
      useBlocked.getState().enqueue({ task, question: task.question! });
    }
  } catch (err) {
    toast.error(`Could not list blocked tasks: ${errorMessage(err)}`);
  }
}
