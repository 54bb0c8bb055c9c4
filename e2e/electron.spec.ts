import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronLaunchOptions } from '../src-main/electron/launch';
import { FAKE_CLAUDE_BIN } from '../test/support/fake-claude';
import {
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  TEST_IDENTITY,
} from '../test/support/git-repos';
import { addProject, createTask, open, row } from './steps';

// The same flow in the desktop window, where an Electron binary is installed.
// Our build machines cannot download one, so there it is skipped, saying so.

test('desktop app: add a project, run a task, answer its question', async () => {
  const root = makeTempDir();
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const launch = electronLaunchOptions({
    dataDir: path.join(root, 'data'),
    claudeBin: FAKE_CLAUDE_BIN,
    env: { ...process.env, HOME: home, IS_SANDBOX: '1', ...TEST_IDENTITY },
  });
  if (!launch) {
    console.log('Electron spec skipped: no Electron binary is installed on this machine.');
    test.skip(true, 'no Electron binary is installed on this machine');
    return;
  }
  const app = await electron.launch(launch);
  try {
    const ui = await app.firstWindow();
    await expect(ui.getByTestId('app')).toBeVisible();
    const bridge = await ui.evaluate(
      () => typeof (globalThis as { claudomator?: { desktop?: unknown } }).claudomator?.desktop,
    );
    expect(bridge).toBe('object');
    await addProject(ui, makeWorkingCopy());
    const id = await createTask(ui, 'Desktop task', [
      { ask: { text: 'Proceed?', options: ['yes', 'no'] } },
    ]);
    await expect(ui.getByTestId('blocked-modal')).toBeVisible({ timeout: 30_000 });
    await ui.getByTestId('blocked-option').filter({ hasText: 'yes' }).click();
    await expect(row(ui, id)).toHaveAttribute('data-state', 'COMPLETED', { timeout: 30_000 });
    await open(ui, id);
    await expect(ui.getByTestId('transcript')).toContainText('Got answer: yes');
  } finally {
    await app.close();
    removeTempDirs();
  }
});
