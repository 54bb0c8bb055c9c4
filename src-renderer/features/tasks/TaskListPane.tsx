import { useRef } from 'react';
import { TID } from '../../testids';
import { useProjects } from '../../stores/projects-store';
import { useTasks } from '../../stores/tasks-store';
import { useUi } from '../../stores/ui-store';
import { TaskFilters } from './TaskFilters';
import { TaskList } from './TaskList';
import './task-list.css';

export function TaskListPane() {
  const total = useTasks((s) => s.total);
  const projectId = useTasks((s) => s.query.projectId);
  const projects = useProjects((s) => s.projects);
  const openNewTask = useUi((s) => s.openNewTask);
  const listRef = useRef<HTMLDivElement>(null);
  const title = projectId
    ? (projects.find((p) => p.id === projectId)?.name ?? 'Project')
    : 'All tasks';

  return (
    <section className="task-list-pane" aria-label="Tasks">
      <header className="pane-header">
        <h2 title={title}>{title}</h2>
        <span className="count muted">{total.toLocaleString()}</span>
        <span className="spacer" />
        <button
          className="btn btn-primary btn-small"
          onClick={openNewTask}
          title="New task (Ctrl+N)"
          data-testid={TID.newTaskButton}
        >
          + New task
        </button>
      </header>
      <TaskFilters onLeaveDown={() => listRef.current?.focus()} />
      <TaskList focusRef={listRef} />
    </section>
  );
}
