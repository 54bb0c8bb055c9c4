import fs from 'node:fs';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { makeTempDir, makeWorkingCopy, removeTempDirs } from '../test/support/git-repos';
import { startServe, type ServeProcess } from '../test/support/serve-process';

export interface App {
  serve: ServeProcess;
  /** The page's address with its token, as `serve` prints it. */
  uiUrl: string;
  /** A fresh git working copy to add as a project. */
  newProject(): string;
}

/** A real `serve` with the fake claude per test, and a page opened on it. */
export const test = base.extend<{ app: App; ui: Page }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const root = makeTempDir();
    const home = path.join(root, 'home');
    fs.mkdirSync(home);
    const serve = await startServe({ dataDir: path.join(root, 'data'), home });
    const uiUrl = /Open the UI: (\S+)/.exec(serve.output())![1]!;
    await use({ serve, uiUrl, newProject: () => makeWorkingCopy() });
    serve.child.kill('SIGTERM');
    await serve.exited;
    removeTempDirs();
  },
  ui: async ({ page, app }, use) => {
    await page.goto(app.uiUrl);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Saves a screenshot of a main view as a kept test artifact. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(__dirname, '../test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
