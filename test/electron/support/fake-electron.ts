// A stand-in for the `electron` module (its binary cannot be downloaded on our
// machines), recording what the shell asks of it. Tests use it through
// `vi.mock('electron', async () => (await import('./support/fake-electron')).electronModule)`
// and inspect `fake`.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  const e: FakeEvent = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...extra,
  };
  return e;
}

let nextId = 1;

export class FakeFrame {
  constructor(
    public url: string,
    public processId = 1,
    public routingId = nextId++,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  loading = false;

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  visible = false;
  shows = 0;
  maximized = false;
  destroyed = false;
  bounds = { x: 10, y: 20, width: 1000, height: 700 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    this.shows++;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeTray extends EventEmitter {
  image: { path: string };
  tooltip = '';
  menu: { template: Array<Record<string, unknown>> } | null = null;
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: Array<Record<string, unknown>> }): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    fake.notifications.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: { requestingUrl?: string },
) => boolean;
type HeadersHandler = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

export const fake = {
  lock: true,
  paths: { appData: '/nonexistent/appData' } as Record<string, string>,
  name: '',
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  notifications: [] as FakeNotification[],
  appMenu: null as { template: Array<Record<string, unknown>> } | null,
  ipc: new Map<string, IpcHandler>(),
  permissionRequest: null as PermissionRequestHandler | null,
  permissionCheck: null as PermissionCheckHandler | null,
  headers: null as HeadersHandler | null,
  openedExternally: [] as string[],
  openedPaths: [] as string[],
  shownInFolder: [] as string[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  messageBoxes: [] as Array<Record<string, unknown>>,
  quitCalls: 0,
  /** Set once a quit went through (nothing prevented before-quit). */
  quitted: false,
  exitCode: null as number | null,
};

export const app = Object.assign(new EventEmitter(), {
  setName(name: string) {
    fake.name = name;
  },
  getName: () => fake.name,
  setAppUserModelId() {},
  getPath(name: string): string {
    const p = fake.paths[name];
    if (!p) throw new Error(`no path ${name}`);
    return p;
  },
  setPath(name: string, value: string) {
    fake.paths[name] = value;
  },
  requestSingleInstanceLock: () => fake.lock,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  quit() {
    fake.quitCalls++;
    const e = fakeEvent();
    app.emit('before-quit', e);
    if (!e.defaultPrevented) fake.quitted = true;
  },
  exit(code = 0) {
    fake.exitCode = code;
  },
});

export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: {
    buildFromTemplate: (template: Array<Record<string, unknown>>) => ({ template }),
    setApplicationMenu: (menu: { template: Array<Record<string, unknown>> } | null) => {
      fake.appMenu = menu;
    },
  },
  nativeImage: {
    createFromPath: (p: string) => ({
      path: p,
      resize() {
        return this;
      },
    }),
  },
  ipcMain: {
    handle: (channel: string, handler: IpcHandler) => {
      if (fake.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.ipc.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      fake.ipc.delete(channel);
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: PermissionRequestHandler) => {
        fake.permissionRequest = h;
      },
      setPermissionCheckHandler: (h: PermissionCheckHandler) => {
        fake.permissionCheck = h;
      },
      webRequest: {
        onHeadersReceived: (h: HeadersHandler) => {
          fake.headers = h;
        },
      },
    },
  },
  shell: {
    openExternal: async (url: string) => {
      fake.openedExternally.push(url);
    },
    openPath: async (p: string) => {
      fake.openedPaths.push(p);
      return '';
    },
    showItemInFolder: (p: string) => {
      fake.shownInFolder.push(p);
    },
  },
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showErrorBox: (title: string, content: string) => {
      fake.errorBoxes.push({ title, content });
    },
    showMessageBox: async (_win: unknown, options: Record<string, unknown>) => {
      fake.messageBoxes.push(options);
      return { response: 0, checkboxChecked: false };
    },
  },
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  },
};

/** An IPC invoke event as Electron would build it for a frame of `contents`. */
export function invokeEvent(
  contents: FakeWebContents,
  frame: FakeFrame | null = contents.mainFrame,
) {
  return { sender: contents, senderFrame: frame };
}
