import { expect, type Page } from '@playwright/test';
import { scenario, type FakeStep } from '../test/support/fake-claude';

// Steps a person takes in the UI, shared by the browser and desktop specs.

export async function addProject(ui: Page, folder: string): Promise<void> {
  await ui.getByTestId('add-project-input').fill(folder);
  await ui.getByTestId('add-project-button').click();
  await expect(ui.getByTestId('project-item')).toHaveCount(1);
}

export async function createTask(ui: Page, name: string, steps: FakeStep[]): Promise<string> {
  await ui.getByTestId('new-task-button').click();
  const form = ui.getByTestId('new-task-form');
  await expect(form).toBeVisible();
  await form.getByTestId('new-task-name').fill(name);
  await form.getByTestId('new-task-instructions').fill(`${name}\n${scenario(steps)}`);
  await form.getByTestId('new-task-instructions').press('Control+Enter');
  await expect(form).toBeHidden();
  const row = ui.getByTestId('task-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-task-id'))!;
}

export function row(ui: Page, id: string) {
  return ui.locator(`[data-testid="task-row"][data-task-id="${id}"]`);
}

export async function open(ui: Page, id: string): Promise<void> {
  await row(ui, id).click();
  await expect(ui.getByTestId('task-detail')).toHaveAttribute('data-task-id', id);
}
