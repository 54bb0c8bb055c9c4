// What the tray shows, as data: which icon, the tooltip, and the menu. The
// blocked tasks are the point — they are waiting for the user.
import type { MenuItemConstructorOptions } from 'electron';
import type { Task } from '../../src-shared/domain';

export type BlockedTask = Pick<Task, 'id' | 'name' | 'question'>;

export type TrayItem =
  | { kind: 'header'; label: string }
  | { kind: 'task'; taskId: string; label: string }
  | { kind: 'more'; label: string }
  | { kind: 'separator' }
  | { kind: 'show'; label: string }
  | { kind: 'quit'; label: string };

export interface TrayModel {
  icon: 'normal' | 'blocked';
  tooltip: string;
  items: TrayItem[];
}

/** Menu entries before "and N more…". */
export const MAX_MENU_TASKS = 10;
const MAX_TOOLTIP_TASKS = 5;
const LABEL_CHARS = 60;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function taskTitle(task: BlockedTask): string {
  return clip(task.name || task.id, LABEL_CHARS);
}

/** Menu labels treat `&` as a mnemonic marker on Windows and Linux. */
function menuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

export function trayModel(
  blocked: readonly BlockedTask[],
  opts: { platform?: NodeJS.Platform } = {},
): TrayModel {
  const n = blocked.length;
  const items: TrayItem[] = [];
  let tooltip: string;
  if (n === 0) {
    tooltip = 'Claudomator — nothing needs you';
  } else {
    const lines = blocked.slice(0, MAX_TOOLTIP_TASKS).map((t) => {
      const q = t.question?.text ? `: ${clip(t.question.text, 40)}` : '';
      return `• ${taskTitle(t)}${q}`;
    });
    if (n > MAX_TOOLTIP_TASKS) lines.push(`and ${n - MAX_TOOLTIP_TASKS} more`);
    tooltip = [`Claudomator — ${n} blocked ${n === 1 ? 'task needs' : 'tasks need'} you`, ...lines]
      .join('\n')
      .trim();
    items.push({ kind: 'header', label: `Needs you (${n})` });
    for (const t of blocked.slice(0, MAX_MENU_TASKS)) {
      items.push({ kind: 'task', taskId: t.id, label: menuLabel(taskTitle(t)) });
    }
    if (n > MAX_MENU_TASKS) items.push({ kind: 'more', label: `and ${n - MAX_MENU_TASKS} more…` });
    items.push({ kind: 'separator' });
  }
  // Windows cuts tray tooltips at 127 characters.
  if (opts.platform === 'win32') tooltip = clip(tooltip.replace(/\n/g, ' · '), 127);
  items.push({ kind: 'show', label: 'Show Claudomator' });
  items.push({ kind: 'quit', label: 'Quit Claudomator' });
  return { icon: n > 0 ? 'blocked' : 'normal', tooltip, items };
}

export interface TrayActions {
  openTask: (taskId: string) => void;
  show: () => void;
  quit: () => void;
}

/** The model's items as an Electron menu template. */
export function trayMenuTemplate(
  model: TrayModel,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  return model.items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'header':
        return { label: item.label, enabled: false };
      case 'task':
        return {
          id: `task:${item.taskId}`,
          label: item.label,
          click: () => actions.openTask(item.taskId),
        };
      case 'more':
        return { label: item.label, click: () => actions.show() };
      case 'separator':
        return { type: 'separator' };
      case 'show':
        return { id: 'show', label: item.label, click: () => actions.show() };
      case 'quit':
        return { id: 'quit', label: item.label, click: () => actions.quit() };
    }
  });
}
