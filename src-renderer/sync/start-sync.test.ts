// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { setupFakeApi } from '../test-support/setup';
import {
  makeDetail,
  makeEvent,
  makeExecution,
  makeProject,
  makeQueue,
  makeTask,
} from '../test-support/fixtures';
import { useBlocked } from '../stores/blocked-store';
import { useLogs } from '../stores/logs-store';
import { useProjects } from '../stores/projects-store';
import { useQueue } from '../stores/queue-store';
import { useTaskDetail } from '../stores/task-detail-store';
import { useTasks } from '../stores/tasks-store';
import { useTranscript } from '../stores/transcript-store';
import { useUi } from '../stores/ui-store';
import { startSync } from './start-sync';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('startSync keeps the stores current from events', () => {
  const fake = setupFakeApi();

  it('loads projects, tasks, queue and settings at start', async () => {
    const p = makeProject({ id: 'p1', name: 'alpha' });
    const t = makeTask({ id: 't1' });
    fake.current.handle('projects.list', () => [p]);
    fake.current.handle('tasks.list', (q) =>
      q.state === 'RATE_LIMITED' ? { tasks: [], total: 0 } : { tasks: [t], total: 1 },
    );
    fake.current.handle('queue.state', () => makeQueue({ running: 3 }));
    startSync(fake.current.api);
    await flush();
    expect(useProjects.getState().projects).toEqual([p]);
    expect(useTasks.getState().rows).toEqual([t]);
    expect(useQueue.getState().queue?.running).toBe(3);
    const channels = fake.current.requests.map((r) => r.channel);
    expect(channels).toEqual(expect.arrayContaining(['settings.get', 'app.info']));
  });

  it('task.updated reaches the list, the open detail and the blocked queue', async () => {
    const t = makeTask({ id: 't1', state: 'QUEUED', createdAt: '2026-01-01T00:00:00Z' });
    fake.current.handle('tasks.list', () => ({ tasks: [t], total: 1 }));
    fake.current.handle('tasks.get', () => makeDetail(t));
    startSync(fake.current.api);
    await flush();
    useTaskDetail.getState().open('t1');
    await flush();
    useBlocked.getState().enqueue({ task: t, question: { text: 'q?', options: [] } });

    fake.current.emit('task.updated', { ...t, state: 'RUNNING' });
    expect(useTasks.getState().rows[0]?.state).toBe('RUNNING');
    expect(useTaskDetail.getState().detail?.task.state).toBe('RUNNING');
    expect(useBlocked.getState().queue).toEqual([]);

    // A new task matching the list goes on top.
    const newer = makeTask({ id: 't2', createdAt: '2026-01-02T00:00:00Z' });
    fake.current.emit('task.updated', newer);
    expect(useTasks.getState().rows.map((r) => r?.id)).toEqual(['t2', 't1']);
    expect(useTasks.getState().total).toBe(2);
  });

  it('task.deleted removes it everywhere and closes its detail', async () => {
    const t = makeTask({ id: 't1' });
    fake.current.handle('tasks.list', () => ({ tasks: [t], total: 1 }));
    fake.current.handle('tasks.get', () => makeDetail(t));
    startSync(fake.current.api);
    await flush();
    useTaskDetail.getState().open('t1');
    await flush();
    fake.current.emit('task.deleted', { id: 't1' });
    expect(useTasks.getState().rows).toEqual([]);
    expect(useTaskDetail.getState().openTaskId).toBeNull();
  });

  it('task.blocked queues the question; queue.state and projects update', async () => {
    startSync(fake.current.api);
    await flush();
    const t = makeTask({ id: 't9', state: 'BLOCKED' });
    fake.current.emit('task.blocked', { task: t, question: { text: 'Which?', options: ['a'] } });
    expect(useBlocked.getState().queue[0]?.question.text).toBe('Which?');

    fake.current.emit(
      'queue.state',
      makeQueue({ blocked: 1, pausedUntil: '2030-01-01T00:00:00Z' }),
    );
    expect(useQueue.getState().queue?.pausedUntil).toBe('2030-01-01T00:00:00Z');

    const p = makeProject({ id: 'p2' });
    fake.current.emit('project.added', p);
    expect(useProjects.getState().projects).toEqual([p]);
    fake.current.emit('project.removed', { id: 'p2' });
    expect(useProjects.getState().projects).toEqual([]);
  });

  it('tracks rate-limited tasks for the countdown', async () => {
    startSync(fake.current.api);
    await flush();
    const t = makeTask({ id: 't1', state: 'RATE_LIMITED', retryAt: '2030-01-01T00:00:05Z' });
    fake.current.emit('task.updated', t);
    expect(useQueue.getState().retryAt).toEqual({ t1: '2030-01-01T00:00:05Z' });
    fake.current.emit('task.updated', { ...t, state: 'RUNNING', retryAt: null });
    expect(useQueue.getState().retryAt).toEqual({});
  });

  it('execution events feed only the transcript and log of the open execution', async () => {
    fake.current.handle('executions.events', () => ({ events: [], lastSeq: -1 }));
    fake.current.handle('executions.readLog', (p) => ({
      data: '',
      encoding: 'utf8',
      offset: p.offset ?? 0,
      nextOffset: p.offset ?? 0,
      size: 0,
      eof: true,
    }));
    startSync(fake.current.api);
    useTranscript.getState().open('e1');
    useLogs.getState().open('e1', 'stdout');
    await flush();
    await flush();

    fake.current.emit('execution.events', {
      executionId: 'e1',
      taskId: 't1',
      events: [makeEvent('e1', 0, { type: 'assistant', message: { content: [] } })],
    });
    fake.current.emit('execution.events', {
      executionId: 'other',
      taskId: 't2',
      events: [makeEvent('other', 0, { type: 'x' }), makeEvent('other', 1, { type: 'x' })],
    });
    expect(useTranscript.getState().count).toBe(1);

    fake.current.emit('execution.output', {
      executionId: 'e1',
      taskId: 't1',
      stream: 'stdout',
      offset: 0,
      chunk: 'hello\n',
    });
    fake.current.emit('execution.output', {
      executionId: 'other',
      taskId: 't2',
      stream: 'stdout',
      offset: 0,
      chunk: 'nope\n',
    });
    expect(useLogs.getState().lines).toEqual(['hello', '']);
  });

  it('a new execution of the open task makes the detail reload', async () => {
    const t = makeTask({ id: 't1', state: 'RUNNING' });
    const e1 = makeExecution({ id: 'e1', taskId: 't1' });
    let executions = [e1];
    fake.current.handle('tasks.get', () => makeDetail(t, { executions }));
    startSync(fake.current.api);
    useTaskDetail.getState().open('t1');
    await flush();
    const e2 = makeExecution({ id: 'e2', taskId: 't1', kind: 'resume' });
    executions = [e1, e2];
    fake.current.emit('execution.events', {
      executionId: 'e2',
      taskId: 't1',
      events: [makeEvent('e2', 0, { type: 'system', subtype: 'init' })],
    });
    await new Promise((r) => setTimeout(r, 350));
    expect(useTaskDetail.getState().detail?.executions.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('ui.command opens dialogs, focuses search and opens tasks', async () => {
    fake.current.handle('tasks.get', () => makeDetail(makeTask({ id: 'tX' })));
    startSync(fake.current.api);
    fake.current.emit('ui.command', { command: 'newTask' });
    expect(useUi.getState().newTaskOpen).toBe(true);
    fake.current.emit('ui.command', { command: 'openSettings' });
    expect(useUi.getState().settingsOpen).toBe(true);
    fake.current.emit('ui.command', { command: 'focusSearch' });
    expect(useUi.getState().searchFocusRequests).toBe(1);
    fake.current.emit('ui.command', { command: 'openTask', taskId: 'tX' });
    expect(useTaskDetail.getState().openTaskId).toBe('tX');
  });

  it('unsubscribes everything when stopped', () => {
    const stop = startSync(fake.current.api);
    expect(fake.current.listenerCount('task.updated')).toBe(1);
    stop();
    expect(fake.current.listenerCount('task.updated')).toBe(0);
    expect(fake.current.listenerCount('ui.command')).toBe(0);
  });
});
