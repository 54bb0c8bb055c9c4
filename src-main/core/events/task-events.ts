import type { Actor, Task, TaskState } from '../../../src-shared/domain';
import type { Store } from '../store';
import type { TaskPatch } from '../store/tasks-repo';
import type { EventBus } from './event-bus';

/** State changes that also tell every UI: the one way the engine moves a task. */
export class TaskEvents {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  transition(
    id: string,
    to: TaskState,
    opts: { actor: Actor; reason?: string | null; patch?: TaskPatch; from?: readonly TaskState[] },
  ): Task {
    const task = this.store.tasks.transition(id, to, opts);
    this.bus.emit('task.updated', task);
    return task;
  }

  update(id: string, patch: TaskPatch): Task {
    const task = this.store.tasks.update(id, patch);
    this.bus.emit('task.updated', task);
    return task;
  }

  announce(task: Task): void {
    this.bus.emit('task.updated', task);
  }
}
