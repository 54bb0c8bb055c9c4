// How to start the desktop app from outside: `npm start` (src-main/start.ts)
// and the Electron e2e spec use this. Plain Node — it never loads Electron,
// it only asks the `electron` package where the binary is.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The app's root: the folder with package.json, assets/ and dist/ (app.asar when packaged). */
export const APP_ROOT = (() => {
  // Compiled: <root>/dist/src-main/electron; from source (vitest, Playwright): <root>/src-main/electron.
  const up2 = path.resolve(__dirname, '../..');
  return path.basename(up2) === 'dist' ? path.dirname(up2) : up2;
})();

/** The compiled desktop main process, whichever copy of this file is running. */
export const MAIN_SCRIPT = path.join(APP_ROOT, 'dist', 'src-main', 'electron', 'main.js');

/**
 * The Electron executable, or null where it is not installed. The `electron`
 * package exports the binary's path, and throws when its download never
 * happened (as on our build machines).
 */
export function findElectronBinary(): string | null {
  try {
    const resolved: unknown = createRequire(path.join(APP_ROOT, 'package.json'))('electron');
    return typeof resolved === 'string' && fs.existsSync(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

export function installedElectronVersion(): string | null {
  try {
    const file = createRequire(path.join(APP_ROOT, 'package.json')).resolve(
      'electron/package.json',
    );
    const version: unknown = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown })
      .version;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

export interface DesktopLaunchOptions {
  /** A data dir instead of the user's (tests: a temp dir; also isolates the single-instance lock). */
  dataDir?: string;
  claudeBin?: string;
  maxConcurrency?: number;
  /** Port of the local API agents call (default: a free one). */
  port?: number;
  /** The environment to start from (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export interface ElectronLaunch {
  executablePath: string;
  args: string[];
  env: Record<string, string>;
}

/** Arguments for the desktop main process (after the executable). */
export function desktopArgs(opts: DesktopLaunchOptions = {}): string[] {
  const args = [MAIN_SCRIPT];
  if (opts.dataDir) args.push('--data-dir', opts.dataDir);
  if (opts.claudeBin) args.push('--claude-bin', opts.claudeBin);
  if (opts.maxConcurrency) args.push('--max-concurrency', String(opts.maxConcurrency));
  if (opts.port !== undefined) args.push('--port', String(opts.port));
  // Chromium refuses to run as root with its OS sandbox (CI containers); the
  // page stays a sandboxed renderer (no Node in it) either way.
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

export function desktopEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  // Set, it would make the binary a plain Node and never open a window.
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}

/**
 * Everything Playwright's `_electron.launch({executablePath, args, env})`
 * needs to start the desktop app; null where Electron is not installed.
 */
export function electronLaunchOptions(opts: DesktopLaunchOptions = {}): ElectronLaunch | null {
  const executablePath = findElectronBinary();
  if (!executablePath) return null;
  return { executablePath, args: desktopArgs(opts), env: desktopEnv(opts.env) };
}

export const NO_ELECTRON_MESSAGE =
  'Electron is not installed here (its binary download is blocked); starting in browser mode instead.';
export const NO_DISPLAY_MESSAGE =
  'There is no display to open a window on ($DISPLAY is not set); starting in browser mode instead.';

/** Whether `npm start` opens the desktop app or falls back to browser mode, and why. */
export type StartMode = { mode: 'electron'; bin: string } | { mode: 'browser'; reason: string };

export function chooseMode(opts: {
  electronBin: string | null;
  forceBrowser: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}): StartMode {
  if (opts.forceBrowser)
    return { mode: 'browser', reason: 'Starting in browser mode (--browser).' };
  if (!opts.electronBin) return { mode: 'browser', reason: NO_ELECTRON_MESSAGE };
  if (opts.platform === 'linux' && !opts.env.DISPLAY && !opts.env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: NO_DISPLAY_MESSAGE };
  }
  return { mode: 'electron', bin: opts.electronBin };
}
