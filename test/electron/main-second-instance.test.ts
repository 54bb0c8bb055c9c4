// A second launch does not start another engine: it hands over and quits.
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir, removeTempDirs } from '../support/git-repos';
import { fake } from './support/fake-electron';

vi.mock('electron', async () => (await import('./support/fake-electron.js')).electronModule);

afterAll(() => removeTempDirs());

describe('second instance', () => {
  it('quits without opening a window or the data', async () => {
    const root = makeTempDir();
    fake.lock = false;
    fake.paths.appData = path.join(root, 'appData');
    const saved = process.argv;
    process.argv = [process.execPath, 'main.js'];
    try {
      const main = await import('../../src-main/electron/main.js');
      expect(await main.ready).toBeNull();
    } finally {
      process.argv = saved;
    }
    expect(fake.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipc.size).toBe(0);
    // Without --data-dir the data dir is <appData>/Claudomator, as `serve` uses.
    expect(fake.paths.userData).toBe(path.join(root, 'appData', 'Claudomator'));
  });
});
