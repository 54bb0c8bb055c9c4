import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { desktopHandlers } from '../../src-main/electron/desktop-bridge';
import { makeTempDir, removeTempDirs } from '../support/git-repos';

afterAll(() => removeTempDirs());

function setup(dialogResult = { canceled: false, filePaths: ['/a', '/b'] }, openPathError = '') {
  const win = { id: 1 };
  const dialog = { showOpenDialog: vi.fn(async (..._args: unknown[]) => dialogResult) };
  const shell = {
    openPath: vi.fn(async (_p: string) => openPathError),
    showItemInFolder: vi.fn(),
  };
  const h = desktopHandlers({ dialog: dialog as never, shell, window: () => win as never });
  return { h, dialog, shell, win };
}

describe('desktop.pickFolders', () => {
  it('asks for one or more folders, on the window', async () => {
    const s = setup();
    expect(await s.h['desktop.pickFolders']({})).toEqual(['/a', '/b']);
    const [win, options] = s.dialog.showOpenDialog.mock.calls[0]! as [
      unknown,
      { properties: string[] },
    ];
    expect(win).toBe(s.win);
    expect(options.properties).toEqual(
      expect.arrayContaining(['openDirectory', 'multiSelections']),
    );
    expect(options.properties).not.toContain('openFile');
  });

  it('gives nothing when cancelled', async () => {
    const s = setup({ canceled: true, filePaths: ['/ignored'] });
    expect(await s.h['desktop.pickFolders']({})).toEqual([]);
  });
});

describe('desktop.reveal', () => {
  it('opens a folder that exists', async () => {
    const s = setup();
    const dir = makeTempDir();
    await s.h['desktop.reveal']({ path: dir });
    expect(s.shell.openPath).toHaveBeenCalledWith(dir);
  });

  it('only shows a file in its folder, never opens it', async () => {
    const s = setup();
    const file = path.join(makeTempDir(), 'run.sh');
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    await s.h['desktop.reveal']({ path: file });
    expect(s.shell.showItemInFolder).toHaveBeenCalledWith(file);
    expect(s.shell.openPath).not.toHaveBeenCalled();
  });

  it('refuses paths that do not exist or are relative', async () => {
    const s = setup();
    await expect(
      s.h['desktop.reveal']({ path: path.join(makeTempDir(), 'gone') }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.h['desktop.reveal']({ path: 'relative/dir' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(s.shell.openPath).not.toHaveBeenCalled();
    expect(s.shell.showItemInFolder).not.toHaveBeenCalled();
  });

  it('reports a folder the system could not open', async () => {
    const s = setup(undefined, 'No application knows how to open this');
    await expect(s.h['desktop.reveal']({ path: makeTempDir() })).rejects.toThrow(/No application/);
  });
});
