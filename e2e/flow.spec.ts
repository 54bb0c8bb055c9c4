import { expect, keepScreenshot, test } from './fixtures';
import { addProject, createTask, open, row } from './steps';

// The whole flow a person goes through, in the real renderer in Chromium,
// against `serve` with the fake claude.

test('add a project, watch a task run live, see its commit and diff', async ({ ui, app }) => {
  await expect(ui.getByTestId('task-list-empty')).toBeVisible();
  await keepScreenshot(ui, 'empty-state');
  await addProject(ui, app.newProject());
  const id = await createTask(ui, 'Add a greeting', [
    { text: 'Looking at the project first.' },
    { bash: 'ls' },
    { sleep: 1500 },
    { text: '**Writing** the greeting now.' },
    { commit: { path: 'hello.txt', content: 'hello world\n', message: 'add greeting' } },
    { summary: 'Added hello.txt' },
  ]);
  await open(ui, id);
  const transcript = ui.getByTestId('transcript');
  // Live output arrives while the task runs.
  await expect(ui.getByTestId('task-detail')).toHaveAttribute('data-state', 'RUNNING');
  await expect(transcript.getByText('Looking at the project first.')).toBeVisible();
  await expect(ui.getByTestId('task-detail')).toHaveAttribute('data-state', 'COMPLETED', {
    timeout: 30_000,
  });
  await expect(
    transcript.locator('[data-testid="transcript-event"][data-type="result"]'),
  ).toHaveCount(1);
  await keepScreenshot(ui, 'task-transcript');

  await ui.getByTestId('tab-commits').click();
  const commit = ui.getByTestId('commit-item').filter({ hasText: 'add greeting' });
  await expect(commit).toHaveCount(1);
  await commit.click();
  await expect(ui.getByTestId('diff-view')).toContainText('+hello world');
  await keepScreenshot(ui, 'commit-diff');

  await ui.getByTestId('tab-stdout').click();
  await expect(ui.getByTestId('log-view')).toContainText('"type":"system"');
});

test('a blocked task asks in a modal; the answer resumes it to completion', async ({ ui, app }) => {
  await addProject(ui, app.newProject());
  const id = await createTask(ui, 'Paint the shed', [
    { ask: { text: 'Which colour should I use?', options: ['red', 'blue'] } },
  ]);
  const modal = ui.getByTestId('blocked-modal');
  await expect(modal).toBeVisible({ timeout: 30_000 });
  await expect(modal).toHaveAttribute('data-task-id', id);
  await expect(ui.getByTestId('blocked-question')).toHaveText('Which colour should I use?');
  await expect(ui.getByTestId('blocked-option')).toHaveCount(2);
  await expect(row(ui, id)).toHaveAttribute('data-state', 'BLOCKED');
  await keepScreenshot(ui, 'blocked-modal');
  await ui.getByTestId('blocked-option').filter({ hasText: 'blue' }).click();
  await expect(modal).toBeHidden();
  await expect(row(ui, id)).toHaveAttribute('data-state', 'COMPLETED', { timeout: 30_000 });
  await open(ui, id);
  await expect(ui.getByTestId('transcript')).toContainText('Got answer: blue');
});

test('cancel a running task, retry it, and filter the list', async ({ ui, app }) => {
  await addProject(ui, app.newProject());
  const done = await createTask(ui, 'Quick one', [{ text: 'done quickly' }]);
  await expect(row(ui, done)).toHaveAttribute('data-state', 'COMPLETED', { timeout: 30_000 });
  const slow = await createTask(ui, 'Slow one', [{ sleep: 60_000 }]);
  await expect(row(ui, slow)).toHaveAttribute('data-state', 'RUNNING', { timeout: 30_000 });
  await open(ui, slow);
  await ui.getByTestId('action-cancel').click();
  await expect(row(ui, slow)).toHaveAttribute('data-state', 'CANCELLED', { timeout: 30_000 });
  await ui.getByTestId('action-retry').click();
  await expect(row(ui, slow)).toHaveAttribute('data-state', 'RUNNING', { timeout: 30_000 });
  await ui.getByTestId('tab-executions').click();
  await expect(ui.getByTestId('execution-item')).toHaveCount(2);

  await ui.getByTestId('filter-state').selectOption('COMPLETED');
  await expect(ui.getByTestId('task-row')).toHaveCount(1);
  await expect(row(ui, done)).toBeVisible();
  await ui.getByTestId('filter-state').selectOption('');
  await ui.getByTestId('search-input').fill('Slow');
  await expect(ui.getByTestId('task-row')).toHaveCount(1);
  await expect(row(ui, slow)).toBeVisible();
  await keepScreenshot(ui, 'filtered-list');
  await ui.getByTestId('action-cancel').click();
});

test('settings show the data directory and check the claude binary', async ({ ui }) => {
  await ui.getByTestId('settings-button').click();
  const dialog = ui.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await expect(ui.getByTestId('settings-data-dir')).toContainText('data');
  await ui.getByTestId('settings-check-claude').click();
  await expect(ui.getByTestId('settings-check-result')).toHaveAttribute('data-ok', 'true');
  await expect(ui.getByTestId('settings-check-result')).toContainText('2.1.197');
  await keepScreenshot(ui, 'settings');
});
