// The desktop app's main process: a thin shell around the engine. It owns the
// app lifecycle, the window, the menu, the tray and notifications; every
// request from the page goes through the same validated handlers `serve` uses.
import path from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  session,
  shell,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import type { Handlers, UiCommand } from '../../src-shared/contract';
import { startHttpServer, type RunningServer } from '../core/api/http-server';
import { Engine } from '../core/engine';
import { APP_VERSION } from '../version';
import { createAppWindow, hardenWebContents, secureSession, type AppWindow } from './app-window';
import { desktopHandlers } from './desktop-bridge';
import { parseDesktopArgs } from './desktop-args';
import { bindIpc, forwardEvents, sendEvent } from './ipc-main';
import { APP_ROOT } from './launch';
import { menuTemplate } from './menu-template';
import { isNativeModuleError, NATIVE_MODULE_EXIT_CODE } from './native-module';
import { TaskNotifier } from './notifications';
import { isTrustedSender } from './sender-check';
import { AppTray } from './tray';
import { unavailableHandlers } from './unavailable-handlers';
import { pageUrlOf } from './window-options';
import { WINDOW_STATE_FILE } from './window-state';

export const APP_NAME = 'Claudomator';
const SHUTDOWN_TIMEOUT_MS = 20_000;

const log = (msg: string): void => console.error(`[claudomator] ${msg}`);
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const PATHS = {
  preload: path.join(APP_ROOT, 'dist', 'src-main', 'electron', 'preload.js'),
  indexHtml: path.join(APP_ROOT, 'dist', 'renderer', 'index.html'),
  assets: path.join(APP_ROOT, 'assets'),
};

/** The running app, for tests and anyone driving the main process. */
export interface DesktopApp {
  dataDir: string;
  /** Null when the data could not be opened (the window shows why). */
  engine: Engine | null;
  http: RunningServer | null;
  handlers: Handlers;
  window(): BrowserWindow | null;
  /** Shows the window and passes the command to the page. */
  command(cmd: UiCommand): void;
  /** What quitting runs before the app exits: agents stop (INTERRUPTED, resumable). */
  shutdown(): Promise<void>;
}

const args = parseDesktopArgs(process.argv.slice(1));
app.setName(APP_NAME);
if (process.platform === 'win32') app.setAppUserModelId('dev.claudomator.desktop');
// The same folder `serve` uses by default (see core/default-data-dir.ts).
const dataDir = path.resolve(args.dataDir ?? path.join(app.getPath('appData'), APP_NAME));
app.setPath('userData', dataDir);
// Chromium's own caches and storage stay out of the way of ours.
app.setPath('sessionData', path.join(dataDir, 'electron'));

// Before any window exists: every webContents the app ever makes is locked down.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));

/**
 * Resolves when the app is up; null when it is not going to be (a second
 * instance hands over to the first and quits; a native module built for the
 * wrong ABI exits with NATIVE_MODULE_EXIT_CODE, which `npm start` explains).
 */
export const ready: Promise<DesktopApp | null> = app.requestSingleInstanceLock()
  ? boot().catch((err: unknown) => {
      log(`could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      dialog.showErrorBox('Claudomator could not start', errorText(err));
      app.exit(1);
      return null;
    })
  : Promise.resolve().then(() => {
      log('Claudomator is already running; switching to it');
      app.quit();
      return null;
    });

type Opened =
  { engine: Engine; http: RunningServer } | { engine: null; reason: string; nativeModule: boolean };

async function openEngine(): Promise<Opened> {
  let engine: Engine;
  try {
    engine = await Engine.open({
      dataDir,
      version: APP_VERSION,
      mode: 'desktop',
      log,
      ...(args.claudeBin ? { claudeBin: args.claudeBin } : {}),
      ...(args.maxConcurrency ? { maxConcurrency: args.maxConcurrency } : {}),
    });
  } catch (err) {
    log(`could not open the data in ${dataDir}: ${errorText(err)}`);
    return { engine: null, reason: errorText(err), nativeModule: isNativeModuleError(err) };
  }
  try {
    // Agents call the local API for subtasks, as in `serve` (no UI is served on it here).
    const http = await startHttpServer({
      port: args.port,
      handlers: engine.handlers,
      token: engine.token,
      isLiveExecution: (id) => engine.store.executions.find(id)?.state === 'RUNNING',
      log,
    });
    engine.setApiUrl(http.url);
    return { engine, http };
  } catch (err) {
    await engine.close();
    throw err;
  }
}

async function boot(): Promise<DesktopApp | null> {
  let appWindow: AppWindow | null = null;
  const pageUrl = pageUrlOf(PATHS.indexHtml);

  const liveWindow = (): BrowserWindow | null =>
    appWindow && !appWindow.window.isDestroyed() ? appWindow.window : null;
  const liveContents = (): WebContents | null => liveWindow()?.webContents ?? null;

  const showWindow = (): BrowserWindow => {
    let win = liveWindow();
    if (!win) {
      appWindow = createAppWindow({
        preloadPath: PATHS.preload,
        indexHtml: PATHS.indexHtml,
        stateFile: path.join(dataDir, WINDOW_STATE_FILE),
        iconPath: path.join(PATHS.assets, 'icon.png'),
        log,
      });
      win = appWindow.window;
      return win;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };

  const command = (cmd: UiCommand): void => {
    const contents = showWindow().webContents;
    // The preload holds the command until the page listens; it must be loaded to hear it.
    if (contents.isLoading()) {
      contents.once('did-finish-load', () => sendEvent(contents, 'ui.command', cmd));
    } else {
      sendEvent(contents, 'ui.command', cmd);
    }
  };
  const openTask = (taskId: string): void => command({ command: 'openTask', taskId });

  app.on('second-instance', () => {
    if (app.isReady()) showWindow();
  });

  await app.whenReady();
  secureSession(session.defaultSession, path.dirname(PATHS.indexHtml));

  const opened = await openEngine();
  if (!opened.engine && opened.nativeModule) {
    console.error(`claudomator: better-sqlite3 does not load in Electron: ${opened.reason}`);
    dialog.showErrorBox(
      'Claudomator cannot open its database',
      'The better-sqlite3 and node-pty modules are built for Node, not for Electron. Rebuild ' +
        'them for Electron (npx @electron/rebuild -f -o better-sqlite3,node-pty) and start again.\n\n' +
        opened.reason,
    );
    app.exit(NATIVE_MODULE_EXIT_CODE);
    return null;
  }
  const engine = opened.engine;
  const http = opened.engine ? opened.http : null;
  const handlers = engine
    ? engine.handlers
    : unavailableHandlers({
        version: APP_VERSION,
        dataDir,
        reason: 'reason' in opened ? opened.reason : 'unknown error',
      });

  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const contents = liveContents();
    let frameUrl: string | null = null;
    let isMainFrame = false;
    try {
      const frame = event.senderFrame;
      frameUrl = frame?.url ?? null;
      isMainFrame =
        !!frame &&
        !!contents &&
        frame.processId === contents.mainFrame.processId &&
        frame.routingId === contents.mainFrame.routingId;
    } catch {
      // A frame that went away while its request was in flight.
    }
    return isTrustedSender(
      { webContentsId: event.sender.id, frameUrl, isMainFrame },
      { webContentsId: contents?.id ?? null, pageUrl },
    );
  };
  const unbindIpc = bindIpc({
    ipcMain,
    handlers,
    desktop: desktopHandlers({ dialog, shell, window: liveWindow }),
    isTrustedSender: trusted,
    log,
  });
  const stopForwarding = engine ? forwardEvents(engine.bus, liveContents) : () => undefined;

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ platform: process.platform, appName: APP_NAME, command }),
    ),
  );
  showWindow();

  let tray: AppTray | null = null;
  let notifier: TaskNotifier | null = null;
  if (engine) {
    try {
      tray = new AppTray({
        assetsDir: PATHS.assets,
        bus: engine.bus,
        blockedTasks: () => engine.store.tasks.inState('BLOCKED'),
        openTask,
        show: () => void showWindow(),
        quit: () => app.quit(),
      });
    } catch (err) {
      log(`no tray icon: ${errorText(err)}`);
    }
    notifier = new TaskNotifier({
      bus: engine.bus,
      settings: () => engine.store.settings.get(),
      tasksInState: (state) => engine.store.tasks.inState(state),
      openTask,
      log,
      iconPath: path.join(PATHS.assets, 'icon.png'),
    });
  } else {
    const win = showWindow();
    void dialog.showMessageBox(win, {
      type: 'error',
      title: 'Claudomator',
      message: 'Claudomator could not open its data',
      detail: `${'reason' in opened ? opened.reason : ''}\n\nNothing was changed or deleted in ${dataDir}.`,
    });
  }

  // The queue starts once everything that reports on it (window, tray, notifications) listens.
  engine?.start();

  let stopping: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (stopping ??= (async () => {
      appWindow?.saveState();
      notifier?.dispose();
      tray?.destroy();
      stopForwarding();
      unbindIpc();
      // Agents first (their tasks become INTERRUPTED, resumable), then the API they talk to.
      if (engine) await engine.close().catch((err: unknown) => log(`closing: ${errorText(err)}`));
      if (http) await http.close();
    })());

  let quitReady = false;
  app.on('before-quit', (event) => {
    if (quitReady) return;
    event.preventDefault();
    liveWindow()?.hide();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('shutdown took too long; quitting anyway');
        resolve();
      }, SHUTDOWN_TIMEOUT_MS);
    });
    void Promise.race([shutdown(), timeout]).finally(() => {
      clearTimeout(timer);
      quitReady = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    // macOS apps live on without windows (dock, tray); elsewhere closing the window quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => void showWindow());
  // Once: a second Ctrl+C kills at once.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping running agents (they stay resumable)`);
      app.quit();
    });
  }

  return {
    dataDir,
    engine,
    http,
    handlers,
    window: liveWindow,
    command,
    shutdown,
  };
}
