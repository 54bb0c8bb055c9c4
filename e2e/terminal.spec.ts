import { expect, keepScreenshot, test } from './fixtures';
import { addProject, createTask, open } from './steps';

// Issue 6: the terminal panel in the real renderer, over the authenticated
// WebSocket of `serve`: a shell in the sandbox, and taking over a blocked
// task's session with the fake claude in its interactive mode.

test('take over a blocked task, talk to the agent, land its commit', async ({ ui, app }) => {
  await addProject(ui, app.newProject());
  const id = await createTask(ui, 'Pick a colour', [
    { ask: { text: 'Which colour should I use?', options: ['red', 'blue'] } },
  ]);
  await expect(ui.getByTestId('blocked-modal')).toBeVisible({ timeout: 30_000 });
  await ui.getByTestId('blocked-dismiss').click();
  await open(ui, id);
  await expect(ui.getByTestId('task-detail')).toHaveAttribute('data-state', 'BLOCKED');

  // A shell in the sandbox first: typed input is echoed back through the socket.
  await ui.getByTestId('tab-terminal').click();
  await ui.getByTestId('terminal-new-shell').click();
  const view = ui.getByTestId('terminal-view');
  await expect(view).toBeVisible();
  await view.click();
  await ui.keyboard.type('echo e2e-$((40+2)) && pwd\n');
  await expect(view).toContainText('e2e-42', { timeout: 15_000 });
  await expect(view).toContainText('/sandboxes/');

  // The pty follows the panel's size: a narrower window means fewer columns.
  let asked = 0;
  const sttySize = async () => {
    const marker = `size${++asked}`;
    await ui.keyboard.type(`echo ${marker}-$(stty size | tr ' ' x)\n`);
    const re = new RegExp(`${marker}-(\\d+)x(\\d+)`);
    await expect(view).toContainText(re);
    const m = re.exec((await view.textContent()) ?? '')!;
    return { rows: Number(m[1]), cols: Number(m[2]) };
  };
  const wide = await sttySize();
  await ui.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(async () => (await sttySize()).cols).toBeLessThan(wide.cols);

  // Ctrl+Shift+V pastes the clipboard into the terminal.
  await ui.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await ui.evaluate("navigator.clipboard.writeText('echo pasted-$((2+3))')");
  await view.click();
  await ui.keyboard.press('Control+Shift+V');
  // The paste reads the clipboard asynchronously: Enter only once it is on the line.
  await expect(view).toContainText('echo pasted-$((2+3))');
  await ui.keyboard.press('Enter');
  await expect(view).toContainText('pasted-5');
  await expect(view).not.toContainText('pasted-$((2+3))echo'); // once, not twice

  // One click takes over the session: claude --resume in the same sandbox.
  await ui.getByTestId('take-over-button').click();
  await expect(ui.getByTestId('terminal-tab').filter({ hasText: 'claude' })).toHaveCount(1);
  const claude = ui.getByTestId('terminal-view');
  await expect(claude).toContainText('Resumed session', { timeout: 15_000 });
  await claude.click();
  await ui.keyboard.type('use red please\n');
  await expect(claude).toContainText('you said "use red please"');
  await ui.keyboard.type('/commit colour.txt red\n');
  await expect(claude).toContainText('committed');
  await keepScreenshot(ui, 'terminal-take-over');
  await ui.keyboard.type('/exit 0\n');

  // When it ends, the app offers what to do with the sandbox.
  const ended = ui.getByTestId('terminal-ended');
  await expect(ended).toBeVisible({ timeout: 15_000 });
  await expect(ended).toContainText('exit 0');
  await ended.getByTestId('terminal-land').click();
  await expect(ui.getByTestId('task-detail')).toHaveAttribute('data-state', 'COMPLETED', {
    timeout: 15_000,
  });
  await expect(ended).toBeHidden();

  // The shell's scrollback survives switching away and back.
  await ui.getByTestId('tab-transcript').click();
  await ui.getByTestId('tab-terminal').click();
  await ui
    .getByTestId('terminal-tab')
    .filter({ hasText: /bash|sh/ })
    .getByRole('tab')
    .click();
  await expect(ui.getByTestId('terminal-view')).toContainText('e2e-42');
});
