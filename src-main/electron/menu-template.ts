// The application menu as a template (plain data plus click callbacks). The
// app's own items ask the page to act through `ui.command`; the rest are
// Electron's standard roles, so copy/paste, zoom and the like just work.
import type { MenuItemConstructorOptions } from 'electron';
import type { UiCommand } from '../../src-shared/contract';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Shows the window and passes the command to the page. */
  command: (cmd: UiCommand) => void;
}

export const ACCELERATORS = {
  newTask: 'CmdOrCtrl+N',
  focusSearch: 'CmdOrCtrl+F',
  openSettings: 'CmdOrCtrl+,',
  quit: 'CmdOrCtrl+Q',
} as const;

export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const newTask: MenuItemConstructorOptions = {
    id: 'newTask',
    label: 'New Task',
    accelerator: ACCELERATORS.newTask,
    click: () => opts.command({ command: 'newTask' }),
  };
  const settings: MenuItemConstructorOptions = {
    id: 'openSettings',
    label: mac ? 'Settings…' : 'Settings',
    accelerator: ACCELERATORS.openSettings,
    click: () => opts.command({ command: 'openSettings' }),
  };
  const find: MenuItemConstructorOptions = {
    id: 'focusSearch',
    label: 'Find',
    accelerator: ACCELERATORS.focusSearch,
    click: () => opts.command({ command: 'focusSearch' }),
  };
  // Quitting goes through app.quit → before-quit, where the engine is closed.
  const quit: MenuItemConstructorOptions = {
    id: 'quit',
    role: 'quit',
    label: mac ? `Quit ${opts.appName}` : 'Quit',
    accelerator: ACCELERATORS.quit,
  };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: opts.appName,
      submenu: [
        { role: 'about' },
        sep,
        settings,
        sep,
        { role: 'services' },
        sep,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        sep,
        quit,
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: mac ? [newTask, sep, { role: 'close' }] : [newTask, sep, settings, sep, quit],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      sep,
      find,
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  return template;
}
