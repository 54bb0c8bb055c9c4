import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../src-main/electron/menu-template';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [
    i,
    ...(Array.isArray(i.submenu) ? flatten(i.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

describe.each(['darwin', 'linux', 'win32'] as const)('app menu on %s', (platform) => {
  const command = vi.fn();
  const items = flatten(menuTemplate({ platform, appName: 'Claudomator', command }));
  const byId = (id: string) => items.find((i) => i.id === id)!;
  const roles = new Set(items.map((i) => i.role).filter(Boolean));

  it.each([
    ['newTask', 'CmdOrCtrl+N', { command: 'newTask' }],
    ['focusSearch', 'CmdOrCtrl+F', { command: 'focusSearch' }],
    ['openSettings', 'CmdOrCtrl+,', { command: 'openSettings' }],
  ])('%s on %s sends a ui.command', (id, accelerator, expected) => {
    const item = byId(id);
    expect(item.accelerator).toBe(accelerator);
    (item.click as () => void)();
    expect(command).toHaveBeenLastCalledWith(expected);
  });

  it('quits through the quit role (so before-quit closes the engine)', () => {
    expect(byId('quit')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('has the standard edit and view roles', () => {
    for (const role of [
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'reload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
      'minimize',
    ]) {
      expect(roles.has(role as never), role).toBe(true);
    }
  });

  it('has each shortcut once', () => {
    const accels = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accels).size).toBe(accels.length);
  });
});
