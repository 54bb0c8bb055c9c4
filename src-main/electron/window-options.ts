// The window's security settings as plain data, so tests can hold them to
// Electron's security checklist without an Electron binary.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state';

/**
 * The app page's Content-Security-Policy: only our own files run, nothing is
 * eval'd, nothing is framed or posted anywhere. Styles may be inline (the UI
 * sets style attributes, as in browser mode); scripts may not.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // A folder dropped outside the page's drop zone must not replace the page.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export function windowOptions(opts: {
  preloadPath: string;
  state: WindowState;
  iconPath?: string;
}): BrowserWindowConstructorOptions {
  const { state } = opts;
  return {
    title: 'Claudomator',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: '#1e1e1e',
    autoHideMenuBar: false,
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: webPreferences(opts.preloadPath),
  };
}

/** Where the built renderer lives relative to the compiled shell (dist/src-main/electron). */
export function rendererIndex(shellDir: string): string {
  return path.resolve(shellDir, '../../renderer/index.html');
}

export function pageUrlOf(indexHtml: string): string {
  return pathToFileURL(indexHtml).href;
}

/** Whether a URL is one of the app's own files (the renderer build folder), over file://. */
export function isAppUrl(url: string, rendererDir: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:' || u.host !== '') return false;
  const root = pathToFileURL(rendererDir + path.sep).pathname;
  return u.pathname.startsWith(root);
}

type Headers = Record<string, string[] | string>;

/** Response headers with our CSP (any CSP the response had is replaced, never loosened). */
export function withCsp(headers: Headers | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') {
      continue;
    }
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [APP_CSP];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/**
 * Links the page would open in a new window or navigate to: never inside the
 * app; https ones go to the user's browser, everything else is dropped.
 */
export function shouldOpenExternally(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What the page may be granted: nothing, except writing to the clipboard
 * from our own page (the "copy session id" button). Reading the clipboard,
 * camera, notifications from the page, geolocation, openExternal... all no.
 */
export function permissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  rendererDir: string,
): boolean {
  return (
    permission === 'clipboard-sanitized-write' &&
    requestingUrl !== undefined &&
    isAppUrl(requestingUrl, rendererDir)
  );
}
