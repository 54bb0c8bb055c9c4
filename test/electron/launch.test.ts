import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesktopArgs } from '../../src-main/electron/desktop-args';
import {
  chooseMode,
  desktopArgs,
  desktopEnv,
  electronLaunchOptions,
  findElectronBinary,
  MAIN_SCRIPT,
  NO_DISPLAY_MESSAGE,
  NO_ELECTRON_MESSAGE,
} from '../../src-main/electron/launch';
import { electronRebuildHint, isNativeModuleError } from '../../src-main/electron/native-module';

describe('parseDesktopArgs', () => {
  it('reads our options among Chromium and test-driver switches', () => {
    const args = parseDesktopArgs(
      [
        '/app/dist/src-main/electron/main.js',
        '--inspect=0',
        '--remote-debugging-port=0',
        '--data-dir',
        '/tmp/d',
        '--claude-bin=/bin/claude',
        '--max-concurrency',
        '3',
        '--no-sandbox',
      ],
      {},
    );
    expect(args).toEqual({
      dataDir: '/tmp/d',
      claudeBin: '/bin/claude',
      maxConcurrency: 3,
      port: 0,
    });
  });

  it('falls back to the environment, and ignores bad numbers', () => {
    expect(
      parseDesktopArgs(['--max-concurrency', 'lots', '--port', '99999'], {
        CLAUDOMATOR_DATA_DIR: '/env/data',
        CLAUDOMATOR_CLAUDE_BIN: '/env/claude',
      }),
    ).toEqual({ dataDir: '/env/data', claudeBin: '/env/claude', maxConcurrency: null, port: 0 });
    expect(parseDesktopArgs([], { CLAUDOMATOR_PORT: '7400' }).port).toBe(7400);
    expect(
      parseDesktopArgs(['--data-dir', '/flag'], { CLAUDOMATOR_DATA_DIR: '/env' }).dataDir,
    ).toBe('/flag');
    expect(parseDesktopArgs(['--data-dir='], {}).dataDir).toBeNull();
  });
});

describe('launching', () => {
  it('points at the compiled main process', () => {
    expect(MAIN_SCRIPT).toBe(path.resolve(__dirname, '../../dist/src-main/electron/main.js'));
    expect(fs.existsSync(MAIN_SCRIPT)).toBe(true);
  });

  it('finds the Electron binary exactly when the electron package has one', () => {
    let expected: string | null;
    try {
      expected = createRequire(__filename)('electron') as string;
      if (!fs.existsSync(expected)) expected = null;
    } catch {
      expected = null; // as on our machines: the binary download is denied
    }
    expect(findElectronBinary()).toBe(expected);
    const launch = electronLaunchOptions({ dataDir: '/tmp/x' });
    if (expected) expect(launch).toMatchObject({ executablePath: expected });
    else expect(launch).toBeNull();
  });

  it('builds arguments and an environment for the desktop app', () => {
    const args = desktopArgs({ dataDir: '/tmp/d', claudeBin: '/c', maxConcurrency: 2, port: 0 });
    expect(args.slice(0, 9)).toEqual([
      MAIN_SCRIPT,
      '--data-dir',
      '/tmp/d',
      '--claude-bin',
      '/c',
      '--max-concurrency',
      '2',
      '--port',
      '0',
    ]);
    // What desktopArgs writes, the main process reads.
    expect(parseDesktopArgs(args.slice(1), {})).toEqual({
      dataDir: '/tmp/d',
      claudeBin: '/c',
      maxConcurrency: 2,
      port: 0,
    });
    const env = desktopEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', EMPTY: undefined });
    expect(env).toEqual({ PATH: '/bin' });
  });

  it('chooses browser mode, saying why, when Electron cannot open a window', () => {
    const base = { forceBrowser: false, platform: 'linux' as const, env: { DISPLAY: ':0' } };
    expect(chooseMode({ ...base, electronBin: null })).toEqual({
      mode: 'browser',
      reason: NO_ELECTRON_MESSAGE,
    });
    expect(chooseMode({ ...base, electronBin: '/e', env: {} })).toEqual({
      mode: 'browser',
      reason: NO_DISPLAY_MESSAGE,
    });
    expect(
      chooseMode({ ...base, electronBin: '/e', env: { WAYLAND_DISPLAY: 'wayland-0' } }),
    ).toEqual({ mode: 'electron', bin: '/e' });
    expect(chooseMode({ ...base, electronBin: '/e', platform: 'darwin', env: {} })).toEqual({
      mode: 'electron',
      bin: '/e',
    });
    expect(chooseMode({ ...base, electronBin: '/e', forceBrowser: true }).mode).toBe('browser');
    expect(chooseMode({ ...base, electronBin: '/e' })).toEqual({ mode: 'electron', bin: '/e' });
    expect(NO_ELECTRON_MESSAGE).not.toContain('\n');
  });
});

describe('native module', () => {
  it('recognises an ABI mismatch and explains it in one line', () => {
    const err = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
        'was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. ' +
        'This version of Node.js requires\nNODE_MODULE_VERSION 140.',
    );
    expect(isNativeModuleError(err)).toBe(true);
    expect(isNativeModuleError(new Error('file is not a database'))).toBe(false);
    const hint = electronRebuildHint('39.8.10');
    expect(hint).not.toContain('\n');
    expect(hint).toContain('@electron/rebuild');
    expect(hint).toContain('npm_config_target=39.8.10');
  });
});
