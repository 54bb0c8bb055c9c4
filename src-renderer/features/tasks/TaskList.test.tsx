// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../src-shared/domain';
import { TID } from '../../testids';
import { makeDetail, makeProject, makeTask } from '../../test-support/fixtures';
import { mockLayout, setupFakeApi } from '../../test-support/setup';
import { useProjects } from '../../stores/projects-store';
import { useTaskDetail } from '../../stores/task-detail-store';
import { useTasks } from '../../stores/tasks-store';
import { useUi } from '../../stores/ui-store';
import { SEARCH_DEBOUNCE_MS } from './TaskFilters';
import { TaskListPane } from './TaskListPane';

function tasks(n: number): Task[] {
  return Array.from({ length: n }, (_, i) =>
    makeTask({
      id: `t${i}`,
      name: `Task number ${i}`,
      projectId: 'p1',
      state: i === 1 ? 'BLOCKED' : 'QUEUED',
      question: i === 1 ? { text: 'Which one?', options: [] } : null,
      createdAt: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString(),
    }),
  );
}

function serveTasks(fake: ReturnType<typeof setupFakeApi>, all: Task[]): void {
  fake.current.handle('tasks.list', (q) => {
    let list = all;
    if (q.state) list = list.filter((t) => t.state === q.state);
    if (q.search) list = list.filter((t) => t.name.includes(q.search!));
    const offset = q.offset ?? 0;
    return { tasks: list.slice(offset, offset + (q.limit ?? 200)), total: list.length };
  });
}

describe('TaskList', () => {
  const fake = setupFakeApi();
  let restore: () => void;
  beforeAll(() => {
    restore = mockLayout({ width: 400, height: 600 });
  });
  afterAll(() => restore());

  async function renderWith(all: Task[]) {
    serveTasks(fake, all);
    useProjects.setState({ projects: [makeProject({ id: 'p1', name: 'alpha' })], loaded: true });
    render(<TaskListPane />);
    await act(() => useTasks.getState().reload());
  }

  it('renders rows with state, project and cost; blocked ones stand out', async () => {
    const all = tasks(3);
    all[0] = { ...all[0]!, costUsd: 0.0125 };
    await renderWith(all);
    const rows = screen.getAllByTestId(TID.taskRow);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.dataset.taskId).toBe('t0');
    expect(rows[0]!.textContent).toContain('alpha');
    expect(rows[0]!.textContent).toContain('$0.0125');
    expect(rows[1]!.dataset.state).toBe('BLOCKED');
    expect(rows[1]!.className).toContain('is-blocked');
    expect(rows[1]!.textContent).toContain('Which one?');
  });

  it('virtualises: 10,000 tasks render only a window of rows and load only their pages', async () => {
    await renderWith(tasks(10_000));
    expect(screen.getByTestId(TID.taskList).dataset.total).toBe('10000');
    const rows = screen.getAllByTestId(TID.taskRow);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(fake.current.calls('tasks.list')).toHaveLength(1);

    // Scrolling far down loads the page there, and only that.
    const list = screen.getByTestId(TID.taskList);
    await act(async () => {
      list.scrollTop = 58 * 5000;
      fireEvent.scroll(list);
    });
    await waitFor(() =>
      expect(screen.getAllByTestId(TID.taskRow).some((r) => r.dataset.taskId === 't5000')).toBe(
        true,
      ),
    );
    const offsets = fake.current.calls('tasks.list').map((c) => c.offset);
    expect(offsets.length).toBeLessThanOrEqual(3);
    expect(offsets.some((o) => o! > 4500 && o! <= 5000)).toBe(true);
    expect(screen.getAllByTestId(TID.taskRow).length).toBeLessThan(40);
  });

  it('filters by state through the API', async () => {
    await renderWith(tasks(5));
    fireEvent.change(screen.getByTestId(TID.filterState), { target: { value: 'BLOCKED' } });
    await waitFor(() => expect(screen.getAllByTestId(TID.taskRow)).toHaveLength(1));
    expect(fake.current.calls('tasks.list').at(-1)).toMatchObject({ state: 'BLOCKED', offset: 0 });
    fireEvent.click(screen.getByTestId(TID.filterClear));
    await waitFor(() => expect(screen.getAllByTestId(TID.taskRow)).toHaveLength(5));
  });

  it('searches on the server once typing pauses', async () => {
    await renderWith(tasks(12));
    vi.useFakeTimers();
    const before = fake.current.calls('tasks.list').length;
    const box = screen.getByTestId(TID.searchInput);
    fireEvent.change(box, { target: { value: 'number' } });
    fireEvent.change(box, { target: { value: 'number 1' } });
    await act(async () => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 10);
    });
    expect(fake.current.calls('tasks.list')).toHaveLength(before);
    await act(async () => {
      vi.advanceTimersByTime(20);
    });
    vi.useRealTimers();
    expect(fake.current.calls('tasks.list').slice(before)).toEqual([
      { limit: 200, offset: 0, search: 'number 1' },
    ]);
    await waitFor(() => expect(screen.getAllByTestId(TID.taskRow)).toHaveLength(3)); // 1, 10, 11
  });

  it('says what to do when nothing matches', async () => {
    await renderWith([]);
    expect(screen.getByTestId(TID.taskListEmpty).textContent).toContain('No tasks yet');
  });

  it('moves with the arrow keys and opens with Enter', async () => {
    await renderWith(tasks(5));
    fake.current.handle('tasks.get', ({ id }) => makeDetail(makeTask({ id })));
    const list = screen.getByTestId(TID.taskList);
    list.focus();
    const selected = () =>
      screen.getAllByTestId(TID.taskRow).find((r) => r.getAttribute('aria-selected') === 'true')
        ?.dataset.taskId;
    expect(selected()).toBe('t0');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toBe('t2');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(selected()).toBe('t1');
    expect(list.getAttribute('aria-activedescendant')).toBe('task-row-1');
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(useTaskDetail.getState().openTaskId).toBe('t1');
    fireEvent.keyDown(list, { key: 'End' });
    expect(selected()).toBe('t4');
  });

  it('focuses the search box on request (/ and Ctrl+F go through the ui store)', async () => {
    await renderWith(tasks(2));
    act(() => useUi.getState().focusSearch());
    expect(document.activeElement).toBe(screen.getByTestId(TID.searchInput));
  });

  it('opens a task on click', async () => {
    await renderWith(tasks(3));
    fake.current.handle('tasks.get', ({ id }) => makeDetail(makeTask({ id })));
    fireEvent.click(screen.getAllByTestId(TID.taskRow)[2]!);
    expect(useTaskDetail.getState().openTaskId).toBe('t2');
  });
});
