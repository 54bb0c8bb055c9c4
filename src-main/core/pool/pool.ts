import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { QueueState, Task } from '../../../src-shared/domain';
import type { Store } from '../store';
import type { EventBus } from '../events/event-bus';
import type { TaskEvents } from '../events/task-events';
import type { Runner, RunResult, StopReason } from '../runner/run-execution';
import { errorMessage } from '../errors';
import { applyEnding } from './endings';
import { QueuePause } from './queue-pause';

export interface PoolConfig {
  logsDir: string;
  sandboxesDir: string;
  /** Rate-limit backoff: the first wait; each next one doubles. */
  backoffBaseMs: number;
  maxRateLimitAttempts: number;
  log: (msg: string) => void;
}

interface Running {
  task: Task;
  controller: AbortController;
  timeout: NodeJS.Timeout | null;
  finished: Promise<void>;
}

/**
 * The queue: dispatches QUEUED tasks by priority then age, up to the
 * concurrency limit, and turns each execution's ending into the task's next
 * state. Waits (rate-limit backoff, quota pause) are timers, not held slots.
 */
export class Pool {
  private readonly running = new Map<string, Running>();
  private wakeTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private ticking = false;
  private tickAgain = false;
  readonly pause: QueuePause;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly tasks: TaskEvents,
    private readonly runner: Runner,
    private readonly config: PoolConfig,
  ) {
    this.pause = new QueuePause(store);
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Asks the dispatcher to look at the queue again (cheap; coalesces). */
  kick(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    queueMicrotask(() => {
      try {
        do {
          this.tickAgain = false;
          this.tick();
        } while (this.tickAgain && !this.stopped);
      } finally {
        this.ticking = false;
      }
    });
  }

  isRunning(taskId: string): boolean {
    return this.running.has(taskId);
  }

  /** Stops a running task; resolves when its process group is gone and its state recorded. */
  async stopTask(taskId: string, reason: StopReason): Promise<boolean> {
    const r = this.running.get(taskId);
    if (!r) return false;
    r.controller.abort(reason);
    await r.finished;
    return true;
  }

  /** Interrupts everything running (kept resumable) and stops dispatching. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort('shutdown' satisfies StopReason);
    await Promise.all(all.map((r) => r.finished));
  }

  state(): QueueState {
    const counts = this.store.tasks.countByState();
    const pausedUntil = this.pause.until();
    return {
      running: counts.RUNNING ?? 0,
      queued: counts.QUEUED ?? 0,
      blocked: counts.BLOCKED ?? 0,
      rateLimited: counts.RATE_LIMITED ?? 0,
      maxConcurrency: this.store.settings.get().maxConcurrency,
      pausedUntil: pausedUntil ? new Date(pausedUntil).toISOString() : null,
      pauseReason: pausedUntil ? this.pause.reason() : null,
    };
  }

  private tick(): void {
    if (this.wakeTimer) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = null;
    }
    const now = Date.now();
    let nextWake = Infinity;
    for (const t of this.store.tasks.inState('RATE_LIMITED')) {
      const at = t.retryAt ? Date.parse(t.retryAt) : now;
      if (at <= now) {
        this.tasks.transition(t.id, 'QUEUED', {
          actor: 'system',
          reason: 'rate-limit wait over',
          patch: { retryAt: null },
        });
      } else nextWake = Math.min(nextWake, at);
    }
    const pausedUntil = this.pause.until();
    if (pausedUntil !== null && pausedUntil > now) {
      nextWake = Math.min(nextWake, pausedUntil);
    } else {
      if (pausedUntil !== null) this.pause.clear();
      const free = this.store.settings.get().maxConcurrency - this.running.size;
      if (free > 0) {
        for (const task of this.store.tasks.nextQueued(free + this.running.size)) {
          if (this.running.size >= this.store.settings.get().maxConcurrency) break;
          if (!this.running.has(task.id)) this.dispatch(task);
        }
      }
    }
    // Counting tasks by state reads the whole index: only for someone who listens.
    if (this.bus.hasListeners('queue.state')) this.bus.emit('queue.state', this.state());
    if (nextWake !== Infinity) {
      this.wakeTimer = setTimeout(() => this.kick(), Math.max(0, nextWake - Date.now()) + 5);
    }
  }

  private dispatch(queued: Task): void {
    const project = this.store.projects.get(queued.projectId);
    const internals = this.store.tasks.internals(queued.id);
    const executionId = randomUUID() as string;
    // Resume the task's session when there is one to carry on (an answer, a
    // rate-limit or crash recovery); otherwise a fresh session whose id is the
    // execution's own — never passing a used --session-id again.
    const resume = queued.sessionId !== null && internals.nextPrompt !== null;
    const sessionId = resume ? queued.sessionId! : executionId;
    const logDir = path.join(this.config.logsDir, executionId);
    const task = this.store.atomically(() => {
      this.store.executions.insert({
        id: executionId,
        taskId: queued.id,
        kind: resume ? 'resume' : 'fresh',
        sessionId,
        prompt: resume ? internals.nextPrompt! : queued.instructions,
        sandboxDir: resume ? queued.sandboxDir : null,
        stdoutPath: path.join(logDir, 'stdout.log'),
        stderrPath: path.join(logDir, 'stderr.log'),
        artifactDir: logDir,
      });
      return this.store.tasks.transition(queued.id, 'RUNNING', {
        actor: 'system',
        reason: resume ? `resuming session ${sessionId}` : 'dispatched',
        from: ['QUEUED'],
        patch: {
          sessionId,
          nextPrompt: null,
          question: null,
          error: null,
          ...(resume ? {} : { sandboxDir: null, baseHead: null }),
        },
      });
    });
    this.tasks.announce(task);

    const controller = new AbortController();
    const timeoutSeconds =
      task.agent.timeoutSeconds ?? this.store.settings.get().defaultTimeoutSeconds;
    const timeout =
      timeoutSeconds > 0
        ? setTimeout(() => controller.abort('timeout' satisfies StopReason), timeoutSeconds * 1000)
        : null;
    const entry: Running = { task, controller, timeout, finished: Promise.resolve() };
    this.running.set(task.id, entry);
    entry.finished = this.execute(entry, executionId, project);
  }

  private async execute(
    entry: Running,
    executionId: string,
    project: ReturnType<Store['projects']['get']>,
  ): Promise<void> {
    const { task, controller } = entry;
    let result: RunResult;
    try {
      if (!project) throw new Error(`project ${task.projectId} no longer exists`);
      const rootId = this.store.tasks.internals(task.id).rootId;
      result = await this.runner.run({
        task,
        project,
        execution: this.store.executions.get(executionId),
        sandboxDir: path.join(this.config.sandboxesDir, executionId),
        taskBranch: `claudomator/${rootId}`,
        signal: controller.signal,
      });
    } catch (err) {
      result = {
        ending: { state: 'FAILED', error: errorMessage(err) },
        sessionStarted: false,
        sandboxDir: task.sandboxDir,
        baseHead: null,
      };
    } finally {
      if (entry.timeout) clearTimeout(entry.timeout);
    }
    try {
      applyEnding(
        { store: this.store, bus: this.bus, tasks: this.tasks, pause: this.pause },
        { task, executionId, result },
        this.config,
      );
    } catch (err) {
      this.config.log(`recording the end of task ${task.id} failed: ${errorMessage(err)}`);
    } finally {
      this.running.delete(task.id);
      this.kick();
    }
  }
}
