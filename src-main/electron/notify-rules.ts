// Which task changes deserve a native notification. A task turning BLOCKED
// always does (someone has to answer); completing or failing does when the
// user asked for it in settings. Cancelling is the user's own doing: never.
import type { Question, Settings, Task, TaskState } from '../../src-shared/domain';

export type NoticeKind = 'blocked' | 'completed' | 'failed';

export interface Notice {
  kind: NoticeKind;
  taskId: string;
  title: string;
  body: string;
}

/** States that count as "failed" for the notifyOnFail setting. */
export const FAILED_STATES: readonly TaskState[] = ['FAILED', 'TIMED_OUT', 'BUDGET_EXCEEDED'];

const BODY_CHARS = 200;

function clip(text: string, max = BODY_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const title = (task: Pick<Task, 'name' | 'id'>): string => clip(task.name || task.id, 80);

/** The `task.blocked` event: always a notice. */
export function noticeForBlocked(task: Task, question: Question): Notice {
  const options = question.options.length > 0 ? ` (${question.options.join(' / ')})` : '';
  return {
    kind: 'blocked',
    taskId: task.id,
    title: `Needs you: ${title(task)}`,
    body: clip(`${question.text}${options}`) || 'The agent has a question.',
  };
}

/**
 * A `task.updated` event, given the state the task was in before (undefined
 * when the notifier has not seen the task: then it is not a transition it
 * can vouch for, and nothing is shown). BLOCKED is left to the `task.blocked`
 * event, which carries the question.
 */
export function noticeForUpdate(
  previous: TaskState | undefined,
  task: Task,
  settings: Pick<Settings, 'notifyOnComplete' | 'notifyOnFail'>,
): Notice | null {
  if (previous === undefined || previous === task.state) return null;
  if (task.state === 'COMPLETED') {
    if (!settings.notifyOnComplete) return null;
    const cost = task.costUsd > 0 ? ` ($${task.costUsd.toFixed(2)})` : '';
    return {
      kind: 'completed',
      taskId: task.id,
      title: `Completed: ${title(task)}`,
      body: clip(task.summary ?? '') || `The task finished${cost}.`,
    };
  }
  if (FAILED_STATES.includes(task.state)) {
    if (!settings.notifyOnFail) return null;
    const what =
      task.state === 'TIMED_OUT'
        ? 'Timed out'
        : task.state === 'BUDGET_EXCEEDED'
          ? 'Over budget'
          : 'Failed';
    return {
      kind: 'failed',
      taskId: task.id,
      title: `${what}: ${title(task)}`,
      body: clip(task.error ?? '') || 'The task did not finish.',
    };
  }
  return null;
}
