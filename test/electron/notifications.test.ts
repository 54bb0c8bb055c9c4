import { describe, expect, it, vi } from 'vitest';
import type { Task, TaskState } from '../../src-shared/domain';
import { EventBus } from '../../src-main/core/events/event-bus';
import { noticeForBlocked, noticeForUpdate } from '../../src-main/electron/notify-rules';
import { fake, FakeNotification } from './support/fake-electron';

vi.mock('electron', async () => (await import('./support/fake-electron.js')).electronModule);

function task(state: TaskState, extra: Partial<Task> = {}): Task {
  return {
    id: 't1',
    projectId: 'p1',
    parentId: null,
    name: 'Refactor the parser',
    instructions: 'x',
    priority: 0,
    agent: {} as Task['agent'],
    state,
    createdAt: '',
    updatedAt: '',
    sandboxDir: null,
    sessionId: null,
    question: null,
    summary: null,
    error: null,
    costUsd: 0,
    retryAt: null,
    rateLimitAttempts: 0,
    landedBranch: null,
    rev: 1,
    ...extra,
  };
}

const ALL_ON = { notifyOnComplete: true, notifyOnFail: true };
const ALL_OFF = { notifyOnComplete: false, notifyOnFail: false };

describe('notify rules', () => {
  it('a blocked task always notifies, with its question', () => {
    const n = noticeForBlocked(task('BLOCKED'), {
      text: 'Tabs or spaces?',
      options: ['tabs', 'spaces'],
    });
    expect(n).toMatchObject({ kind: 'blocked', taskId: 't1' });
    expect(n.title).toContain('Refactor the parser');
    expect(n.body).toBe('Tabs or spaces? (tabs / spaces)');
  });

  it('completion notifies only when notifyOnComplete is on', () => {
    const done = task('COMPLETED', { summary: 'Split parser.ts in three' });
    expect(noticeForUpdate('RUNNING', done, ALL_ON)).toMatchObject({
      kind: 'completed',
      body: 'Split parser.ts in three',
    });
    expect(noticeForUpdate('WAITING', done, ALL_ON)).toMatchObject({ kind: 'completed' });
    expect(noticeForUpdate('RUNNING', done, { ...ALL_ON, notifyOnComplete: false })).toBeNull();
  });

  it('failures notify only when notifyOnFail is on', () => {
    for (const state of ['FAILED', 'TIMED_OUT', 'BUDGET_EXCEEDED'] as const) {
      const t = task(state, { error: 'exit 1' });
      expect(noticeForUpdate('RUNNING', t, ALL_ON), state).toMatchObject({
        kind: 'failed',
        body: 'exit 1',
      });
      expect(noticeForUpdate('RUNNING', t, { ...ALL_ON, notifyOnFail: false }), state).toBeNull();
    }
    expect(
      noticeForUpdate('RUNNING', task('FAILED'), { ...ALL_OFF, notifyOnFail: true }),
    ).not.toBeNull();
  });

  it('stays quiet otherwise', () => {
    // Not a transition, one it did not see, the user's own cancel, or progress.
    expect(noticeForUpdate('COMPLETED', task('COMPLETED'), ALL_ON)).toBeNull();
    expect(noticeForUpdate(undefined, task('COMPLETED'), ALL_ON)).toBeNull();
    expect(noticeForUpdate('RUNNING', task('CANCELLED'), ALL_ON)).toBeNull();
    expect(noticeForUpdate('RUNNING', task('INTERRUPTED'), ALL_ON)).toBeNull();
    for (const s of ['QUEUED', 'RUNNING', 'RATE_LIMITED', 'WAITING', 'PENDING'] as const) {
      expect(noticeForUpdate('QUEUED', task(s), ALL_ON), s).toBeNull();
    }
    // BLOCKED comes with its question through the task.blocked event instead.
    expect(noticeForUpdate('RUNNING', task('BLOCKED'), ALL_ON)).toBeNull();
  });
});

describe('TaskNotifier', () => {
  async function setup(settings = ALL_ON, live: Task[] = []) {
    const { TaskNotifier } = await import('../../src-main/electron/notifications.js');
    fake.notifications.length = 0;
    const bus = new EventBus();
    const openTask = vi.fn();
    const current = { ...settings };
    const notifier = new TaskNotifier({
      bus,
      settings: () => current,
      tasksInState: (s: TaskState) => live.filter((t) => t.state === s),
      openTask,
      log: vi.fn(),
    });
    return { bus, openTask, notifier, current };
  }

  it('notifies a blocked task; a click opens it', async () => {
    const { bus, openTask } = await setup(ALL_OFF);
    bus.emit('task.updated', task('BLOCKED'));
    bus.emit('task.blocked', { task: task('BLOCKED'), question: { text: 'Why?', options: [] } });
    expect(fake.notifications).toHaveLength(1);
    const n = fake.notifications[0]!;
    expect(n.shown).toBe(true);
    expect(n.options.body).toBe('Why?');
    n.emit('click');
    expect(openTask).toHaveBeenCalledWith('t1');
  });

  it('follows transitions it has seen, including from tasks live at start', async () => {
    const { bus, current } = await setup(ALL_ON, [task('WAITING')]);
    bus.emit('task.updated', task('COMPLETED'));
    expect(fake.notifications.map((n) => n.options.title)).toEqual([
      'Completed: Refactor the parser',
    ]);
    // A later update of a finished task (cost, merge) is not news.
    bus.emit('task.updated', task('COMPLETED', { landedBranch: 'x' }));
    expect(fake.notifications).toHaveLength(1);
    // A task it never saw change is not either.
    bus.emit('task.updated', task('FAILED', { id: 't-old' }));
    expect(fake.notifications).toHaveLength(1);

    current.notifyOnFail = false;
    bus.emit('task.updated', task('QUEUED', { id: 't2' }));
    bus.emit('task.updated', task('RUNNING', { id: 't2' }));
    bus.emit('task.updated', task('FAILED', { id: 't2' }));
    expect(fake.notifications).toHaveLength(1);
    current.notifyOnFail = true;
    bus.emit('task.updated', task('QUEUED', { id: 't3' }));
    bus.emit('task.updated', task('TIMED_OUT', { id: 't3' }));
    expect(fake.notifications.at(-1)!.options.title).toBe('Timed out: Refactor the parser');
  });

  it('shows nothing where notifications are not supported, and stops when disposed', async () => {
    const { bus, notifier } = await setup(ALL_ON);
    FakeNotification.supported = false;
    bus.emit('task.blocked', { task: task('BLOCKED'), question: { text: '?', options: [] } });
    expect(fake.notifications).toHaveLength(0);
    FakeNotification.supported = true;
    notifier.dispose();
    bus.emit('task.blocked', { task: task('BLOCKED'), question: { text: '?', options: [] } });
    expect(fake.notifications).toHaveLength(0);
  });
});
