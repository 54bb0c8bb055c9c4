// The tray icon: normal, or the "needs you" variant while any task is
// BLOCKED; its tooltip and menu list the blocked tasks (a click opens one).
import path from 'node:path';
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { EventBus } from '../core/events/event-bus';
import {
  trayMenuTemplate,
  trayModel,
  type BlockedTask,
  type TrayActions,
  type TrayModel,
} from './tray-model';

export const TRAY_ICONS = { normal: 'tray.png', blocked: 'tray-blocked.png' } as const;

export interface AppTrayOptions extends TrayActions {
  assetsDir: string;
  bus: Pick<EventBus, 'on'>;
  blockedTasks: () => BlockedTask[];
  platform?: NodeJS.Platform;
  /** Task events come in bursts; the tray is rebuilt once per burst. */
  debounceMs?: number;
}

export class AppTray {
  private readonly tray: Tray;
  private readonly images: Record<TrayModel['icon'], NativeImage>;
  private readonly offs: Array<() => void>;
  private timer: NodeJS.Timeout | null = null;
  private shownIcon: TrayModel['icon'] | null = null;

  constructor(private readonly opts: AppTrayOptions) {
    const platform = opts.platform ?? process.platform;
    const load = (file: string): NativeImage => {
      const image = nativeImage.createFromPath(path.join(opts.assetsDir, file));
      // macOS menu bar icons are 16pt; Windows and Linux scale the 32px image themselves.
      return platform === 'darwin' ? image.resize({ width: 16, height: 16 }) : image;
    };
    this.images = { normal: load(TRAY_ICONS.normal), blocked: load(TRAY_ICONS.blocked) };
    this.tray = new Tray(this.images.normal);
    this.shownIcon = 'normal';
    // Linux trays often send no click at all; the menu's Show item covers them.
    this.tray.on('click', () => opts.show());
    const schedule = (): void => this.schedule();
    this.offs = [
      opts.bus.on('task.updated', schedule),
      opts.bus.on('task.deleted', schedule),
      opts.bus.on('task.blocked', schedule),
    ];
    this.refresh();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, this.opts.debounceMs ?? 150);
  }

  /** Rebuilds icon, tooltip and menu from the blocked tasks now. */
  refresh(): TrayModel {
    const model = trayModel(this.opts.blockedTasks(), {
      platform: this.opts.platform ?? process.platform,
    });
    if (this.tray.isDestroyed()) return model;
    if (model.icon !== this.shownIcon) {
      this.tray.setImage(this.images[model.icon]);
      this.shownIcon = model.icon;
    }
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, this.opts)));
    return model;
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const off of this.offs) off();
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
