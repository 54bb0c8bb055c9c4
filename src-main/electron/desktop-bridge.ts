// The main side of `window.claudomator.desktop`: the folder picker and
// "reveal in file manager". Electron's dialog and shell come in as arguments,
// so the rules (what may be revealed, how) are tested without Electron.
import fs from 'node:fs';
import path from 'node:path';
import type { BaseWindow, Dialog, OpenDialogOptions, Shell } from 'electron';
import { AppError } from '../core/errors';
import type { DesktopHandlers } from './ipc-main';

export interface DesktopBridgeDeps {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  shell: Pick<Shell, 'openPath' | 'showItemInFolder'>;
  /** The window dialogs belong to (null: none open). */
  window: () => BaseWindow | null;
}

export const PICK_FOLDERS_OPTIONS: OpenDialogOptions = {
  title: 'Add project folders',
  buttonLabel: 'Add',
  properties: ['openDirectory', 'multiSelections', 'createDirectory'],
};

export function desktopHandlers(deps: DesktopBridgeDeps): DesktopHandlers {
  return {
    'desktop.pickFolders': async () => {
      const win = deps.window();
      const result = win
        ? await deps.dialog.showOpenDialog(win, PICK_FOLDERS_OPTIONS)
        : await deps.dialog.showOpenDialog(PICK_FOLDERS_OPTIONS);
      return result.canceled ? [] : result.filePaths;
    },
    'desktop.reveal': async ({ path: target }) => {
      if (!path.isAbsolute(target)) {
        throw new AppError('invalid_request', 'only an absolute path can be revealed');
      }
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(target);
      } catch {
        throw new AppError('not_found', `${target} does not exist (any more)`);
      }
      if (stat.isDirectory()) {
        // Opens the folder itself in the file manager.
        const error = await deps.shell.openPath(target);
        if (error) throw new AppError('conflict', `could not open ${target}: ${error}`);
      } else {
        // A file is only ever shown in its folder, never opened (it could be a program).
        deps.shell.showItemInFolder(target);
      }
      return { ok: true };
    },
  };
}
