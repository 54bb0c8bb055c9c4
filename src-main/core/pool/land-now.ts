import { TAKEOVER_STATES, type Task } from '../../../src-shared/domain';
import { AppError } from '../errors';
import type { TaskEvents } from '../events/task-events';
import { landSandbox, SandboxError } from '../sandbox';
import type { Store } from '../store';
import { advanceParent } from './subtasks';

/**
 * The normal teardown, on the user's word, for a stopped task whose sandbox
 * was kept: after taking over a session the user may have finished the work
 * by hand. Leftovers are committed, the commits land on the source (or the
 * task branch of a working copy) and the task is COMPLETED.
 */
export async function landNow(store: Store, tasks: TaskEvents, taskId: string): Promise<Task> {
  const task = store.tasks.get(taskId);
  if (!TAKEOVER_STATES.includes(task.state)) {
    throw new AppError('conflict', `task is ${task.state}; only a stopped task can be landed now`);
  }
  const { baseHead, rootId } = store.tasks.internals(taskId);
  if (!task.sandboxDir || !baseHead) {
    throw new AppError('conflict', 'the task has no sandbox to land');
  }
  let landed;
  try {
    landed = await landSandbox({
      sandboxDir: task.sandboxDir,
      baseHead,
      taskBranch: `claudomator/${rootId}`,
    });
  } catch (err) {
    if (err instanceof SandboxError) throw new AppError('conflict', err.message);
    throw err;
  }
  const execution = store.executions.latestForTask(taskId);
  if (execution) store.executions.setCommits(execution.id, landed.commits);
  const completed = tasks.transition(taskId, 'COMPLETED', {
    actor: 'user',
    reason: landed.landed ? 'landed by the user' : 'closed by the user (nothing new to land)',
    from: [task.state],
    patch: {
      sandboxDir: landed.removed ? null : task.sandboxDir,
      error: null,
      question: null,
      landedBranch:
        landed.target?.kind === 'working-copy' ? landed.target.branch : task.landedBranch,
    },
  });
  // A subtask finished by hand lets its parent go on, as one the agent finished would.
  if (completed.parentId) advanceParent({ store, tasks }, completed.parentId);
  return completed;
}
