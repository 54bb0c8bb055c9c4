import { TAKEOVER_STATES, type Task, type TaskState } from '../../../src-shared/domain';

// Which actions a task's state allows, as the engine's handlers decide.
const CANCELLABLE: readonly TaskState[] = [
  'PENDING',
  'QUEUED',
  'RUNNING',
  'RATE_LIMITED',
  'BLOCKED',
  'INTERRUPTED',
  'WAITING',
];
const RETRYABLE: readonly TaskState[] = [
  'FAILED',
  'CANCELLED',
  'TIMED_OUT',
  'BUDGET_EXCEEDED',
  'INTERRUPTED',
];

export const canCancel = (s: TaskState): boolean => CANCELLABLE.includes(s);
export const canRetry = (s: TaskState): boolean => RETRYABLE.includes(s);
/** Still moving without anyone acting: its output may grow. */
export const isLive = (s: TaskState): boolean => s === 'RUNNING';

/** A stopped task with a session and a sandbox: the user can talk to its agent directly. */
export const canTakeOver = (t: Pick<Task, 'state' | 'sessionId' | 'sandboxDir'>): boolean =>
  TAKEOVER_STATES.includes(t.state) && !!t.sessionId && !!t.sandboxDir;
