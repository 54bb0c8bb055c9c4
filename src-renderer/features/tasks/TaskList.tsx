import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { Task } from '../../../src-shared/domain';
import { TID } from '../../testids';
import { useProjects } from '../../stores/projects-store';
import { isFiltered } from '../../stores/task-query';
import { useTaskDetail } from '../../stores/task-detail-store';
import { useTasks } from '../../stores/tasks-store';
import { useUi } from '../../stores/ui-store';
import { EmptyState } from '../common/EmptyState';
import { ErrorNote } from '../common/ErrorNote';
import { useNow } from '../common/use-now';
import { TaskRow } from './TaskRow';

export const ROW_HEIGHT = 58;

/** Every task matching the filters, newest first; only the rows in view exist in the page. */
export function TaskList({ focusRef }: { focusRef?: RefObject<HTMLDivElement | null> }) {
  const rows = useTasks((s) => s.rows);
  const total = useTasks((s) => s.total);
  const loaded = useTasks((s) => s.loaded);
  const error = useTasks((s) => s.error);
  const query = useTasks((s) => s.query);
  const ensureRange = useTasks((s) => s.ensureRange);
  const reload = useTasks((s) => s.reload);
  const setQuery = useTasks((s) => s.setQuery);
  const projects = useProjects((s) => s.projects);
  const projectsLoaded = useProjects((s) => s.loaded);
  const openTaskId = useTaskDetail((s) => s.openTaskId);
  const openTask = useTaskDetail((s) => s.open);
  const openNewTask = useUi((s) => s.openNewTask);
  const now = useNow(15_000);
  const [cursor, setCursor] = useState(0);
  const innerRef = useRef<HTMLDivElement>(null);
  const scrollRef = focusRef ?? innerRef;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) ensureRange(first, last);
  }, [first, last, rows, ensureRange]);

  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  const cur = Math.max(0, Math.min(cursor, total - 1));

  const onOpen = useCallback(
    (task: Task, index: number) => {
      setCursor(index);
      openTask(task.id);
    },
    [openTask],
  );

  const move = (to: number): void => {
    const next = Math.max(0, Math.min(total - 1, to));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (total === 0) return;
    const page = Math.max(1, items.length - 2);
    switch (e.key) {
      case 'ArrowDown':
        move(cur + 1);
        break;
      case 'ArrowUp':
        move(cur - 1);
        break;
      case 'PageDown':
        move(cur + page);
        break;
      case 'PageUp':
        move(cur - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter': {
        const task = rows[cur];
        if (task) openTask(task.id);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  if (!loaded) return <div className="task-list-status muted">Loading tasks…</div>;
  if (error && total === 0) {
    return (
      <div className="task-list-status">
        <ErrorNote message={`Could not load tasks: ${error}`} onRetry={() => void reload()} />
      </div>
    );
  }
  if (total === 0) {
    if (isFiltered(query)) {
      return (
        <EmptyState title="No tasks match" testId={TID.taskListEmpty}>
          <p>Nothing matches these filters.</p>
          <button
            className="btn btn-small"
            onClick={() => setQuery({ state: null, search: '', projectId: null })}
          >
            Show all tasks
          </button>
        </EmptyState>
      );
    }
    if (projectsLoaded && projects.length === 0) {
      return (
        <EmptyState title="Add a project to start" testId={TID.taskListEmpty}>
          <p>Drop a project folder anywhere on this window, or type its path under Projects.</p>
        </EmptyState>
      );
    }
    return (
      <EmptyState title="No tasks yet" testId={TID.taskListEmpty}>
        <p>Write what the agent should do; it runs unattended in a sandbox.</p>
        <button className="btn btn-primary btn-small" onClick={openNewTask}>
          New task
        </button>
        <p className="subtle">
          or press <kbd>Ctrl</kbd>+<kbd>N</kbd>
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      {error && <ErrorNote message={error} onRetry={() => void reload()} />}
      <div
        ref={scrollRef}
        className="task-list"
        role="listbox"
        aria-label="Tasks"
        tabIndex={0}
        aria-activedescendant={`task-row-${cur}`}
        onKeyDown={onKeyDown}
        data-testid={TID.taskList}
        data-total={total}
        data-virtual-scroller=""
      >
        <div className="task-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const task = rows[item.index];
            return (
              <div
                key={task?.id ?? `placeholder-${item.index}`}
                className="task-list-slot"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {task ? (
                  <TaskRow
                    task={task}
                    index={item.index}
                    projectName={projectNames.get(task.projectId) ?? '…'}
                    now={now}
                    isCursor={item.index === cur}
                    isOpen={task.id === openTaskId}
                    onOpen={onOpen}
                  />
                ) : (
                  <div
                    id={`task-row-${item.index}`}
                    className="task-row is-placeholder"
                    data-testid={TID.taskRowPlaceholder}
                  >
                    <span className="placeholder-bar" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
