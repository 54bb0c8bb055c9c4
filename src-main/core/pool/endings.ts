import type { Task } from '../../../src-shared/domain';
import type { Store } from '../store';
import type { EventBus } from '../events/event-bus';
import type { TaskEvents } from '../events/task-events';
import type { RunResult } from '../runner/run-execution';
import { nowIso } from '../store/clock';
import { advanceParent, startSubtasks } from './subtasks';
import type { QueuePause } from './queue-pause';

export interface EndingDeps {
  store: Store;
  bus: EventBus;
  tasks: TaskEvents;
  pause: QueuePause;
}

export interface EndingConfig {
  backoffBaseMs: number;
  maxRateLimitAttempts: number;
}

export const CARRY_ON_PROMPT =
  'Your previous run was interrupted before it finished (Claudomator stopped it or the API ' +
  'limited it). Carry on with the task from where you left off.';

/** Records how an execution ended and moves its task (and its parent) on. */
export function applyEnding(
  deps: EndingDeps,
  run: { task: Task; executionId: string; result: RunResult },
  config: EndingConfig,
): void {
  const { store, tasks, bus, pause } = deps;
  const { task, executionId, result } = run;
  const { ending } = result;
  const endedAt = nowIso();
  const sandboxDir = result.sandboxDir;
  // A session that started can be continued; one that never did must start over.
  const resumable =
    result.sessionStarted || (task.sessionId !== null && task.sessionId !== executionId);
  const resumePatch = resumable ? { nextPrompt: CARRY_ON_PROMPT } : { sessionId: null };
  const error = 'error' in ending ? ending.error : null;

  store.executions.update(executionId, {
    state: ending.state,
    endedAt,
    error,
    summary: ending.state === 'COMPLETED' ? ending.summary : null,
  });

  switch (ending.state) {
    case 'COMPLETED': {
      const hasSubtasks = store.tasks.children(task.id).some((c) => c.state === 'PENDING');
      const patch = {
        summary: ending.summary,
        sandboxDir,
        landedBranch: ending.landedBranch ?? task.landedBranch,
        rateLimitAttempts: 0,
      };
      if (hasSubtasks) {
        tasks.transition(task.id, 'WAITING', {
          actor: 'system',
          reason: 'waiting for subtasks',
          patch,
        });
        startSubtasks(deps, task.id);
      } else {
        tasks.transition(task.id, 'COMPLETED', { actor: 'agent', reason: 'completed', patch });
      }
      break;
    }
    case 'BLOCKED': {
      const blocked = tasks.transition(task.id, 'BLOCKED', {
        actor: 'agent',
        reason: 'the agent asked a question',
        patch: { question: ending.question, sandboxDir, error: ending.problem },
      });
      store.questions.ask(task.id, executionId, ending.question);
      bus.emit('task.blocked', { task: blocked, question: ending.question });
      break;
    }
    case 'RATE_LIMITED': {
      const attempts = task.rateLimitAttempts + 1;
      if (attempts >= config.maxRateLimitAttempts) {
        tasks.transition(task.id, 'FAILED', {
          actor: 'system',
          reason: 'rate limited',
          patch: {
            error: `rate limited ${attempts} times; giving up: ${ending.error}`,
            sandboxDir,
            rateLimitAttempts: attempts,
            ...resumePatch,
          },
        });
        break;
      }
      const waitMs = config.backoffBaseMs * 2 ** (attempts - 1);
      tasks.transition(task.id, 'RATE_LIMITED', {
        actor: 'system',
        reason: `rate limited; retry ${attempts + 1} of ${config.maxRateLimitAttempts} in ${Math.round(waitMs / 1000)} s`,
        patch: {
          error: ending.error,
          sandboxDir,
          rateLimitAttempts: attempts,
          retryAt: new Date(Date.now() + waitMs).toISOString(),
          ...resumePatch,
        },
      });
      break;
    }
    case 'QUOTA_EXHAUSTED': {
      // The CLI's reset time wins (one already past means no pause); the setting
      // covers messages that give none.
      const until = ending.resetAt ?? Date.now() + store.settings.get().quotaPauseMinutes * 60_000;
      if (until > Date.now()) pause.pauseUntil(until, ending.error);
      tasks.transition(task.id, 'QUEUED', {
        actor: 'system',
        reason: `quota exhausted; queue paused until ${new Date(until).toISOString()}`,
        patch: { error: ending.error, sandboxDir, ...resumePatch },
      });
      break;
    }
    case 'INTERRUPTED':
      tasks.transition(task.id, 'INTERRUPTED', {
        actor: 'system',
        reason: ending.error,
        patch: { error: ending.error, sandboxDir, ...resumePatch },
      });
      break;
    case 'FAILED':
    case 'CANCELLED':
    case 'TIMED_OUT':
    case 'BUDGET_EXCEEDED':
      tasks.transition(task.id, ending.state, {
        actor: ending.state === 'CANCELLED' ? 'user' : 'system',
        reason: ending.error.split('\n')[0] ?? null,
        patch: { error: ending.error, sandboxDir, ...resumePatch },
      });
      break;
  }
  if (task.parentId) advanceParent(deps, task.parentId);
}
