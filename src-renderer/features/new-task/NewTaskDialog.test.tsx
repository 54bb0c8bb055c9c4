// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TID } from '../../testids';
import { makeDetail, makeProject, makeTask } from '../../test-support/fixtures';
import { FakeApiError } from '../../test-support/fake-api';
import { setupFakeApi } from '../../test-support/setup';
import { useTaskDraft } from '../../stores/new-task-draft-store';
import { useProjects } from '../../stores/projects-store';
import { useTaskDetail } from '../../stores/task-detail-store';
import { useTasks } from '../../stores/tasks-store';
import { useUi } from '../../stores/ui-store';
import { NewTaskDialog } from './NewTaskDialog';

function fieldErrors(): Record<string, string> {
  return Object.fromEntries(
    screen.queryAllByTestId(TID.fieldError).map((e) => [e.dataset.field!, e.textContent ?? '']),
  );
}

describe('NewTaskDialog', () => {
  const fake = setupFakeApi();

  function open() {
    useProjects.setState({
      projects: [makeProject({ id: 'p1', name: 'alpha' }), makeProject({ id: 'p2', name: 'beta' })],
      loaded: true,
    });
    useUi.setState({ newTaskOpen: true });
    return render(<NewTaskDialog />);
  }

  it('shows inline errors and sends nothing while the form is invalid', () => {
    open();
    fireEvent.change(screen.getByTestId(TID.newTaskBudget), { target: { value: '-3' } });
    fireEvent.change(screen.getByTestId(TID.newTaskContextDirs), {
      target: { value: 'relative/dir' },
    });
    fireEvent.click(screen.getByTestId(TID.newTaskSubmit));
    const errors = fieldErrors();
    expect(Object.keys(errors).sort()).toEqual(['budgetUsd', 'contextDirs', 'instructions']);
    expect(errors.contextDirs).toContain('not an absolute path');
    expect(fake.current.calls('tasks.create')).toEqual([]);
    // fixing a field clears its error at once
    fireEvent.change(screen.getByTestId(TID.newTaskBudget), { target: { value: '2.5' } });
    expect(fieldErrors().budgetUsd).toBeUndefined();
  });

  it('Ctrl+Enter submits every field, then closes and opens the new task', async () => {
    const created = makeTask({ id: 'new1', name: 'Fix it' });
    fake.current.handle('tasks.create', () => created);
    fake.current.handle('tasks.get', () => makeDetail(created));
    useTasks.setState({ query: { state: null, projectId: 'p2', search: '' } });
    open();
    expect((screen.getByTestId(TID.newTaskProject) as HTMLSelectElement).value).toBe('p2');
    const set = (id: string, value: string) =>
      fireEvent.change(screen.getByTestId(id), { target: { value } });
    set(TID.newTaskInstructions, 'Fix it\nand test it');
    set(TID.newTaskModel, 'opus');
    set(TID.newTaskPermissionMode, 'acceptEdits');
    set(TID.newTaskBudget, '2.5');
    set(TID.newTaskTimeout, '30');
    set(TID.newTaskAllowedTools, 'Bash(git log:*), Edit');
    set(TID.newTaskDisallowedTools, 'WebFetch');
    set(TID.newTaskContextDirs, '/ref/docs');
    set(TID.newTaskPriority, '5');
    fireEvent.click(screen.getByTestId(TID.newTaskSkipPlanning));
    fireEvent.keyDown(screen.getByTestId(TID.newTaskInstructions), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(useUi.getState().newTaskOpen).toBe(false));
    expect(fake.current.calls('tasks.create')).toEqual([
      {
        projectId: 'p2',
        instructions: 'Fix it\nand test it',
        priority: 5,
        agent: {
          model: 'opus',
          permissionMode: 'acceptEdits',
          maxBudgetUsd: 2.5,
          timeoutSeconds: 1800,
          allowedTools: ['Bash(git log:*)', 'Edit'],
          disallowedTools: ['WebFetch'],
          contextDirs: ['/ref/docs'],
          skipPlanning: true,
        },
      },
    ]);
    expect(useTaskDetail.getState().openTaskId).toBe('new1');
    expect(useTaskDraft.getState().draft.instructions).toBe('');
  });

  it('Cmd+Enter works too (macOS)', async () => {
    fake.current.handle('tasks.create', () => makeTask({ id: 'x' }));
    fake.current.handle('tasks.get', () => makeDetail(makeTask({ id: 'x' })));
    open();
    fireEvent.change(screen.getByTestId(TID.newTaskInstructions), { target: { value: 'go' } });
    fireEvent.keyDown(screen.getByTestId(TID.newTaskModel), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(fake.current.calls('tasks.create')).toHaveLength(1));
  });

  it("shows the server's error inline and keeps the form", async () => {
    fake.current.handle('tasks.create', () => {
      throw new FakeApiError('invalid_request', 'context dir /nope must be an absolute path');
    });
    open();
    fireEvent.change(screen.getByTestId(TID.newTaskInstructions), { target: { value: 'go' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.newTaskSubmit));
    });
    expect((await screen.findByTestId(TID.newTaskError)).textContent).toBe(
      'context dir /nope must be an absolute path',
    );
    expect(useUi.getState().newTaskOpen).toBe(true);
    expect((screen.getByTestId(TID.newTaskInstructions) as HTMLTextAreaElement).value).toBe('go');
  });

  it('keeps the draft when closed with Escape', () => {
    open();
    fireEvent.change(screen.getByTestId(TID.newTaskInstructions), { target: { value: 'half' } });
    fireEvent.keyDown(screen.getByTestId(TID.newTaskInstructions), { key: 'Escape' });
    expect(useUi.getState().newTaskOpen).toBe(false);
    expect(useTaskDraft.getState().draft.instructions).toBe('half');
  });
});
