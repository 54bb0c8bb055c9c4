import { useEffect } from 'react';
import { api } from './api/client';
import { TID } from './testids';
import { useConnection } from './stores/connection-store';
import { useUi } from './stores/ui-store';
import { resyncAll, startSync } from './sync/start-sync';
import { BlockedModal } from './features/blocked/BlockedModal';
import { TaskDetailPane } from './features/detail/TaskDetailPane';
import { ConnectionBanner } from './features/layout/ConnectionBanner';
import { StatusBar } from './features/layout/StatusBar';
import { Toasts } from './features/layout/Toasts';
import { useGlobalShortcuts } from './features/layout/use-global-shortcuts';
import { NewTaskDialog } from './features/new-task/NewTaskDialog';
import { DropOverlay } from './features/projects/DropOverlay';
import { ProjectSidebar } from './features/projects/ProjectSidebar';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { TaskListPane } from './features/tasks/TaskListPane';
import './features/layout/layout.css';

/** The window: projects, tasks, the open task, the status bar, and the dialogs over them. */
export function App() {
  const newTaskOpen = useUi((s) => s.newTaskOpen);
  const settingsOpen = useUi((s) => s.settingsOpen);
  const reconnects = useConnection((s) => s.reconnects);
  useGlobalShortcuts();

  useEffect(() => startSync(api()), []);

  useEffect(() => {
    if (reconnects > 0) resyncAll();
  }, [reconnects]);

  return (
    <div className="app" data-testid={TID.app}>
      <ConnectionBanner />
      <div className="app-main">
        <ProjectSidebar />
        <TaskListPane />
        <TaskDetailPane />
      </div>
      <StatusBar />
      {newTaskOpen && <NewTaskDialog />}
      {settingsOpen && <SettingsDialog />}
      <BlockedModal />
      <DropOverlay />
      <Toasts />
    </div>
  );
}
