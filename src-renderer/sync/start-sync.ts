import type { ClaudomatorApi, UiCommand } from '../../src-shared/contract';
import { useBlocked } from '../stores/blocked-store';
import { useLogs } from '../stores/logs-store';
import { useProjects } from '../stores/projects-store';
import { useQueue } from '../stores/queue-store';
import { useSettings } from '../stores/settings-store';
import { useTaskDetail } from '../stores/task-detail-store';
import { useTasks } from '../stores/tasks-store';
import { useTranscript } from '../stores/transcript-store';
import { useTerminals } from '../stores/terminals-store';
import { disposeTerminal, writeOutput } from '../features/terminal/xterm-registry';
import { useUi } from '../stores/ui-store';

/** What a menu item, tray entry or notification asks the UI to do. */
export function runUiCommand(cmd: UiCommand): void {
  const ui = useUi.getState();
  switch (cmd.command) {
    case 'newTask':
      ui.openNewTask();
      break;
    case 'focusSearch':
      ui.focusSearch();
      break;
    case 'openSettings':
      ui.openSettings();
      break;
    case 'openTask':
      useTaskDetail.getState().open(cmd.taskId);
      break;
  }
}

/** The first load of everything the window shows. */
export function loadAll(): void {
  void useProjects.getState().load();
  void useTasks.getState().reload();
  void useQueue.getState().load();
  void useSettings.getState().load();
}

/** After the connection came back: events may have been missed, so read again. */
export function resyncAll(): void {
  loadAll();
  void useTaskDetail.getState().refresh();
  useTranscript.getState().resync();
  useLogs.getState().catchUp();
}

/**
 * Subscribes to every main-process event once and keeps the stores current.
 * This is the one place that knows which stores an event concerns; the
 * stores themselves never reach into each other.
 */
export function startSync(api: ClaudomatorApi): () => void {
  const offs = [
    api.on('task.updated', (task) => {
      useTasks.getState().applyUpdated(task);
      useTaskDetail.getState().applyUpdated(task);
      useQueue.getState().applyTask(task);
      useBlocked.getState().applyTask(task);
    }),
    api.on('task.deleted', ({ id }) => {
      useTasks.getState().applyDeleted(id);
      useTaskDetail.getState().applyDeleted(id);
      useQueue.getState().forgetTask(id);
      useBlocked.getState().forget(id);
      for (const terminalId of useTerminals.getState().forgetTask(id)) disposeTerminal(terminalId);
    }),
    api.on('task.blocked', ({ task, question }) => {
      useTasks.getState().applyUpdated(task);
      useTaskDetail.getState().applyUpdated(task);
      useBlocked.getState().enqueue({ task, question });
    }),
    api.on('execution.events', (p) => {
      if (p.executionId === useTranscript.getState().executionId) {
        useTranscript.getState().appendLive(p.events);
      }
      const detail = useTaskDetail.getState();
      if (
        p.taskId === detail.openTaskId &&
        detail.detail &&
        !detail.detail.executions.some((e) => e.id === p.executionId)
      ) {
        // A new execution of the open task started: list it (and follow it).
        detail.refreshSoon();
      }
    }),
    api.on('execution.output', (p) => useLogs.getState().appendLive(p)),
    api.on('queue.state', (q) => useQueue.getState().apply(q)),
    api.on('project.added', (p) => useProjects.getState().applyAdded(p)),
    api.on('project.removed', ({ id }) => useProjects.getState().applyRemoved(id)),
    api.on('terminal.output', writeOutput),
    api.on('terminal.exit', (info) => useTerminals.getState().applyExit(info)),
    api.on('ui.command', runUiCommand),
  ];
  loadAll();
  return () => {
    for (const off of offs) off();
  };
}
