// Data that cannot be opened does not stop the window from opening: the page
// hears what went wrong on every request, and nothing in the folder is touched.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_REQUEST, type IpcResponse } from '../../src-main/electron/ipc-channels';
import { makeTempDir, removeTempDirs } from '../support/git-repos';
import { fake, invokeEvent } from './support/fake-electron';

vi.mock('electron', async () => (await import('./support/fake-electron.js')).electronModule);

afterAll(() => removeTempDirs());

describe('unreadable data', () => {
  it('opens the window and answers every request with the reason', async () => {
    const root = makeTempDir();
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    const garbage = 'this is not a database, and must stay as it is'.repeat(200);
    fs.writeFileSync(path.join(dataDir, 'claudomator.db'), garbage);
    fake.paths.appData = path.join(root, 'appData');
    const saved = process.argv;
    process.argv = [process.execPath, 'main.js', `--data-dir=${dataDir}`];
    let desk;
    try {
      const main = await import('../../src-main/electron/main.js');
      desk = await main.ready;
    } finally {
      process.argv = saved;
    }
    expect(desk?.engine).toBeNull();
    expect(fake.windows).toHaveLength(1);
    expect(fake.exitCode).toBeNull();
    expect(fake.messageBoxes[0]).toMatchObject({ type: 'error' });

    const handler = fake.ipc.get(IPC_REQUEST)!;
    const ask = async (channel: string) =>
      (await handler(invokeEvent(fake.windows[0]!.webContents), {
        channel,
        params: {},
      })) as IpcResponse;
    expect(await ask('app.info')).toMatchObject({ ok: true, result: { mode: 'desktop', dataDir } });
    const list = await ask('tasks.list');
    expect(list).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!list.ok && list.error.message).toContain('could not open its data');
    expect(fs.readFileSync(path.join(dataDir, 'claudomator.db'), 'utf8')).toBe(garbage);
    await desk?.shutdown();
  });
});
