// The one BrowserWindow and the session rules around it: permissions, the
// CSP header, no navigation, no new windows, no webviews.
import { BrowserWindow, screen, shell, type Session, type WebContents } from 'electron';
import {
  isAppUrl,
  permissionAllowed,
  shouldOpenExternally,
  windowOptions,
  withCsp,
} from './window-options';
import { loadWindowState, saveWindowState, type Rect } from './window-state';

/** Session-wide rules, set once before the window loads. */
export function secureSession(ses: Session, rendererDir: string): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, rendererDir));
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl, rendererDir),
  );
  // The CSP travels as a response header on our own pages.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (isAppUrl(details.url, rendererDir)) {
      callback({ responseHeaders: withCsp(details.responseHeaders) });
    } else {
      callback({});
    }
  });
}

function openExternally(url: string, log: (msg: string) => void): void {
  if (!shouldOpenExternally(url)) {
    log(`blocked opening ${url.slice(0, 200)}`);
    return;
  }
  shell.openExternal(url).catch((err: unknown) => {
    log(`could not open ${url}: ${err instanceof Error ? err.message : String(err)}`);
  });
}

/** For every webContents the app creates: the page never leaves our files. */
export function hardenWebContents(contents: WebContents, log: (msg: string) => void): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternally(event.url, log);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, log);
    return { action: 'deny' };
  });
}

export interface AppWindowOptions {
  preloadPath: string;
  indexHtml: string;
  stateFile: string;
  iconPath?: string;
  log: (msg: string) => void;
}

export interface AppWindow {
  window: BrowserWindow;
  /** Writes the size and position now (also done on move, resize and close). */
  saveState(): void;
}

function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return [primary, ...others].map((d) => d.workArea);
}

export function createAppWindow(opts: AppWindowOptions): AppWindow {
  const state = loadWindowState(opts.stateFile, workAreas());
  const win = new BrowserWindow(
    windowOptions({
      preloadPath: opts.preloadPath,
      state,
      ...(opts.iconPath ? { iconPath: opts.iconPath } : {}),
    }),
  );
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // A page that fails to load must still show the window (and its error).
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });

  const saveState = (): void => {
    if (win.isDestroyed()) return;
    try {
      saveWindowState(opts.stateFile, {
        ...win.getNormalBounds(),
        maximized: win.isMaximized(),
      });
    } catch (err) {
      opts.log(`could not save the window state: ${err instanceof Error ? err.message : err}`);
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const saveSoon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      saveState();
    }, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
    saveState();
  });

  win.loadFile(opts.indexHtml).catch((err: unknown) => {
    opts.log(`could not load the UI: ${err instanceof Error ? err.message : String(err)}`);
  });
  return { window: win, saveState };
}
