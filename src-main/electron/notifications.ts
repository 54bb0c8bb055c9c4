// Native notifications for task changes (see notify-rules.ts for which).
// Clicking one brings the window up on that task.
import { Notification } from 'electron';
import type { Settings, Task, TaskState } from '../../src-shared/domain';
import type { EventBus } from '../core/events/event-bus';
import { noticeForBlocked, noticeForUpdate, type Notice } from './notify-rules';

/** States a task can still leave; the notifier learns these at start so it sees their transitions. */
const LIVE_STATES: readonly TaskState[] = [
  'PENDING',
  'QUEUED',
  'RUNNING',
  'RATE_LIMITED',
  'WAITING',
  'BLOCKED',
  'INTERRUPTED',
];

export interface TaskNotifierOptions {
  bus: Pick<EventBus, 'on'>;
  settings: () => Pick<Settings, 'notifyOnComplete' | 'notifyOnFail'>;
  tasksInState: (state: TaskState) => Task[];
  /** Focus the window on this task. */
  openTask: (taskId: string) => void;
  log: (msg: string) => void;
  iconPath?: string;
}

export class TaskNotifier {
  private readonly states = new Map<string, TaskState>();
  /** Shown notifications, held so their click handlers are not garbage collected. */
  private readonly shown = new Set<Notification>();
  private readonly offs: Array<() => void>;

  constructor(private readonly opts: TaskNotifierOptions) {
    for (const state of LIVE_STATES) {
      for (const task of opts.tasksInState(state)) this.states.set(task.id, task.state);
    }
    this.offs = [
      opts.bus.on('task.updated', (task) => {
        const previous = this.states.get(task.id);
        this.states.set(task.id, task.state);
        const notice = noticeForUpdate(previous, task, opts.settings());
        if (notice) this.show(notice);
      }),
      opts.bus.on('task.blocked', ({ task, question }) => {
        this.states.set(task.id, task.state);
        this.show(noticeForBlocked(task, question));
      }),
      opts.bus.on('task.deleted', ({ id }) => {
        this.states.delete(id);
      }),
    ];
  }

  private show(notice: Notice): void {
    if (!Notification.isSupported()) return;
    try {
      const n = new Notification({
        title: notice.title,
        body: notice.body,
        silent: notice.kind !== 'blocked',
        ...(this.opts.iconPath ? { icon: this.opts.iconPath } : {}),
      });
      this.shown.add(n);
      const forget = (): void => {
        this.shown.delete(n);
      };
      n.on('click', () => {
        forget();
        this.opts.openTask(notice.taskId);
      });
      n.on('close', forget);
      n.on('failed', forget);
      n.show();
      // Notifications the system dropped silently would otherwise pile up.
      if (this.shown.size > 50) this.shown.delete(this.shown.values().next().value!);
    } catch (err) {
      this.opts.log(`could not show a notification: ${err instanceof Error ? err.message : err}`);
    }
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.shown.clear();
  }
}
