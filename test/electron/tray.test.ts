import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src-main/core/events/event-bus';
import {
  MAX_MENU_TASKS,
  trayMenuTemplate,
  trayModel,
  type BlockedTask,
} from '../../src-main/electron/tray-model';
import { fake } from './support/fake-electron';

vi.mock('electron', async () => (await import('./support/fake-electron.js')).electronModule);

const blocked = (id: string, name: string, question = 'Which one?'): BlockedTask => ({
  id,
  name,
  question: { text: question, options: [] },
});

describe('trayModel', () => {
  it('shows the normal icon and nothing to do when no task is blocked', () => {
    const m = trayModel([]);
    expect(m.icon).toBe('normal');
    expect(m.tooltip).toBe('Claudomator — nothing needs you');
    expect(m.items.map((i) => i.kind)).toEqual(['show', 'quit']);
  });

  it('lists blocked tasks with the "needs you" icon', () => {
    const m = trayModel([
      blocked('t1', 'Fix the login', 'Keep the old API?'),
      blocked('t2', 'Add dark mode'),
    ]);
    expect(m.icon).toBe('blocked');
    expect(m.tooltip).toContain('2 blocked tasks need you');
    expect(m.tooltip).toContain('Fix the login: Keep the old API?');
    expect(m.tooltip).toContain('Add dark mode');
    expect(m.items).toEqual([
      { kind: 'header', label: 'Needs you (2)' },
      { kind: 'task', taskId: 't1', label: 'Fix the login' },
      { kind: 'task', taskId: 't2', label: 'Add dark mode' },
      { kind: 'separator' },
      { kind: 'show', label: 'Show Claudomator' },
      { kind: 'quit', label: 'Quit Claudomator' },
    ]);
  });

  it('keeps menus and tooltips short', () => {
    const many = Array.from({ length: 25 }, (_, i) => blocked(`t${i}`, `Task ${i} `.repeat(20)));
    const m = trayModel(many);
    expect(m.items.filter((i) => i.kind === 'task')).toHaveLength(MAX_MENU_TASKS);
    expect(m.items).toContainEqual({ kind: 'more', label: 'and 15 more…' });
    for (const i of m.items) if ('label' in i) expect(i.label.length).toBeLessThanOrEqual(60);
    expect(m.tooltip).toContain('and 20 more');
    const win = trayModel(many, { platform: 'win32' });
    expect(win.tooltip.length).toBeLessThanOrEqual(127);
    expect(win.tooltip).not.toContain('\n');
  });

  it('escapes & so it is not taken for a mnemonic, and falls back to the id', () => {
    const m = trayModel([blocked('t1', 'Tom & Jerry'), blocked('t2', '')]);
    expect(m.items[1]).toMatchObject({ label: 'Tom && Jerry' });
    expect(m.items[2]).toMatchObject({ label: 't2' });
  });

  it('menu clicks open the task, show the window, or quit', () => {
    const actions = { openTask: vi.fn(), show: vi.fn(), quit: vi.fn() };
    const template = trayMenuTemplate(trayModel([blocked('t1', 'One')]), actions);
    expect(template[0]).toMatchObject({ enabled: false });
    (template.find((i) => i.id === 'task:t1')!.click as () => void)();
    expect(actions.openTask).toHaveBeenCalledWith('t1');
    (template.find((i) => i.id === 'show')!.click as () => void)();
    expect(actions.show).toHaveBeenCalled();
    (template.find((i) => i.id === 'quit')!.click as () => void)();
    expect(actions.quit).toHaveBeenCalled();
  });
});

describe('AppTray', () => {
  afterEach(() => vi.useRealTimers());

  it('switches icon, tooltip and menu as tasks block and unblock', async () => {
    vi.useFakeTimers();
    const { AppTray } = await import('../../src-main/electron/tray.js');
    const bus = new EventBus();
    let tasks: BlockedTask[] = [];
    const openTask = vi.fn();
    const tray = new AppTray({
      assetsDir: '/assets',
      bus,
      blockedTasks: () => tasks,
      openTask,
      show: vi.fn(),
      quit: vi.fn(),
      platform: 'linux',
    });
    const t = fake.trays.at(-1)!;
    expect(t.image.path).toBe(path.join('/assets', 'tray.png'));
    expect(t.tooltip).toContain('nothing needs you');

    tasks = [blocked('t1', 'Choose a name')];
    bus.emit('task.updated', { id: 't1' } as never);
    bus.emit('task.updated', { id: 't1' } as never);
    expect(t.image.path).toBe(path.join('/assets', 'tray.png')); // debounced
    vi.advanceTimersByTime(200);
    expect(t.image.path).toBe(path.join('/assets', 'tray-blocked.png'));
    expect(t.tooltip).toContain('Choose a name');
    (t.menu!.template.find((i) => i.id === 'task:t1')!.click as () => void)();
    expect(openTask).toHaveBeenCalledWith('t1');

    tasks = [];
    bus.emit('task.deleted', { id: 't1' });
    vi.advanceTimersByTime(200);
    expect(t.image.path).toBe(path.join('/assets', 'tray.png'));

    tray.destroy();
    expect(t.destroyed).toBe(true);
    tasks = [blocked('t2', 'Again')];
    bus.emit('task.updated', { id: 't2' } as never);
    vi.advanceTimersByTime(200);
    expect(t.image.path).toBe(path.join('/assets', 'tray.png'));
  });
});
