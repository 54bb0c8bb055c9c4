import type { TaskState } from '../../../src-shared/domain';
import type { EndingDeps } from './endings';

type Deps = Pick<EndingDeps, 'store' | 'tasks'>;

const ACTIVE: readonly TaskState[] = [
  'QUEUED',
  'RUNNING',
  'RATE_LIMITED',
  'BLOCKED',
  'WAITING',
  'INTERRUPTED',
];
const FAILED: readonly TaskState[] = ['FAILED', 'CANCELLED', 'TIMED_OUT', 'BUDGET_EXCEEDED'];

/** A parent's agent finished: its subtasks start, one after another in creation order. */
export function startSubtasks(deps: Deps, parentId: string): void {
  advanceParent(deps, parentId);
}

/**
 * Moves a waiting parent on after a change in its subtasks: queue the next
 * PENDING one when none is active, complete when all completed, fail (naming
 * the child) when one failed — and cancel the ones that will now never run.
 */
export function advanceParent(deps: Deps, parentId: string): void {
  const { store, tasks } = deps;
  const parent = store.tasks.find(parentId);
  if (!parent || parent.state !== 'WAITING') return;
  const children = store.tasks.children(parentId);
  const failed = children.find((c) => FAILED.includes(c.state));
  if (failed) {
    for (const c of children.filter((c) => c.state === 'PENDING')) {
      tasks.transition(c.id, 'CANCELLED', {
        actor: 'system',
        reason: `sibling subtask "${failed.name}" did not complete`,
      });
    }
    const parentNow = tasks.transition(parentId, 'FAILED', {
      actor: 'system',
      reason: `subtask "${failed.name}" ${failed.state.toLowerCase()}`,
      patch: {
        error: `subtask "${failed.name}" (${failed.id}) ended ${failed.state}${failed.error ? `: ${failed.error}` : ''}`,
      },
    });
    if (parentNow.parentId) advanceParent(deps, parentNow.parentId);
    return;
  }
  if (children.some((c) => ACTIVE.includes(c.state))) return;
  const next = children.find((c) => c.state === 'PENDING');
  if (next) {
    tasks.transition(next.id, 'QUEUED', { actor: 'system', reason: 'previous subtask done' });
    return;
  }
  const done = tasks.transition(parentId, 'COMPLETED', {
    actor: 'system',
    reason: `all ${children.length} subtasks completed`,
  });
  if (done.parentId) advanceParent(deps, done.parentId);
}
