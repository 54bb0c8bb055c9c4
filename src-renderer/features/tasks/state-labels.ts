import type { TaskState } from '../../../src-shared/domain';

export const STATE_LABEL: Record<TaskState, string> = {
  PENDING: 'Pending',
  QUEUED: 'Queued',
  RUNNING: 'Running',
  RATE_LIMITED: 'Rate limited',
  WAITING: 'Waiting',
  BLOCKED: 'Blocked',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  TIMED_OUT: 'Timed out',
  BUDGET_EXCEEDED: 'Over budget',
  INTERRUPTED: 'Interrupted',
};

/** Colour family of a state (task or execution). */
export function stateTone(
  state: string,
): 'info' | 'neutral' | 'attention' | 'ok' | 'danger' | 'warn' {
  switch (state) {
    case 'RUNNING':
      return 'info';
    case 'BLOCKED':
      return 'attention';
    case 'COMPLETED':
      return 'ok';
    case 'FAILED':
    case 'TIMED_OUT':
    case 'BUDGET_EXCEEDED':
      return 'danger';
    case 'RATE_LIMITED':
    case 'QUOTA_EXHAUSTED':
    case 'INTERRUPTED':
      return 'warn';
    default:
      return 'neutral';
  }
}

export function stateLabel(state: string): string {
  return (
    (STATE_LABEL as Record<string, string>)[state] ??
    state.charAt(0) + state.slice(1).toLowerCase().replace(/_/g, ' ')
  );
}
