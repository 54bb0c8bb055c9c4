// `npm start`'s entry as a real process: browser mode where Electron cannot
// run (here, always: no binary), and the desktop app where it can (a fake
// Electron binary through the electron package's ELECTRON_OVERRIDE_DIST_PATH).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAIN_SCRIPT,
  NO_DISPLAY_MESSAGE,
  NO_ELECTRON_MESSAGE,
} from '../../src-main/electron/launch';
import { NATIVE_MODULE_EXIT_CODE } from '../../src-main/electron/native-module';
import { makeTempDir, removeTempDirs, TEST_IDENTITY } from '../support/git-repos';

const START = path.resolve(__dirname, '../../dist/src-main/start.js');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  removeTempDirs();
});

interface Started {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string | undefined>): Started {
  const base: Record<string, string | undefined> = { ...process.env, ...TEST_IDENTITY, ...env };
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  if (env.ELECTRON_OVERRIDE_DIST_PATH)
    base.ELECTRON_OVERRIDE_DIST_PATH = env.ELECTRON_OVERRIDE_DIST_PATH;
  for (const k of Object.keys(base)) if (base[k] === undefined) delete base[k];
  const child = spawn(process.execPath, [START, ...args], {
    env: base as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, stdout: () => stdout, exited };
}

async function waitFor(what: string, s: Started, test: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${s.output()}`);
    if (s.child.exitCode !== null) throw new Error(`exited before ${what}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A stand-in Electron: records how it was started, exits on SIGTERM (or at once with FAKE_EXIT). */
function fakeElectron(dir: string): { record: string } {
  const record = path.join(dir, 'record.json');
  const script = `#!${process.execPath}
const fs = require('fs');
const write = (extra) => fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({
  argv: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null, ...extra }));
write({});
if (process.env.FAKE_EXIT) process.exit(Number(process.env.FAKE_EXIT));
process.on('SIGTERM', () => { write({ signal: 'SIGTERM' }); process.exit(0); });
setInterval(() => {}, 1000);
`;
  fs.writeFileSync(path.join(dir, 'electron'), script, { mode: 0o755 });
  return { record };
}

describe('npm start (dist/src-main/start.js)', () => {
  it('without Electron: says so in one line and serves the UI in browser mode', async () => {
    const root = makeTempDir();
    const s = start(['--port', '0'], {
      HOME: root,
      XDG_CONFIG_HOME: path.join(root, 'config'),
      CLAUDOMATOR_DATA_DIR: undefined,
      CLAUDOMATOR_PORT: undefined,
    });
    await waitFor('the UI address', s, () => s.stdout().includes('Open the UI: '));
    const lines = s.stdout().split('\n');
    expect(lines[0]).toBe(NO_ELECTRON_MESSAGE);
    expect(lines.filter((l) => /electron/i.test(l))).toHaveLength(1);
    const url = /Open the UI: (http:\/\/127\.0\.0\.1:\d+)\/#token=[0-9a-f]+/.exec(s.stdout())?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true });
    // The default data dir: the one the desktop app uses too.
    expect(fs.existsSync(path.join(root, 'config', 'Claudomator', 'api-token'))).toBe(true);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('takes the data dir and port from the environment', async () => {
    const root = makeTempDir();
    const dataDir = path.join(root, 'elsewhere');
    const s = start([], {
      HOME: root,
      XDG_CONFIG_HOME: path.join(root, 'config'),
      CLAUDOMATOR_DATA_DIR: dataDir,
      CLAUDOMATOR_PORT: '0',
    });
    await waitFor('the UI address', s, () => s.stdout().includes('Open the UI: '));
    expect(s.stdout()).toContain(`Data in ${dataDir} `);
    expect(fs.existsSync(path.join(root, 'config', 'Claudomator'))).toBe(false);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('refuses bad options with the usage', async () => {
    const s = start(['--port', 'lots'], { HOME: makeTempDir() });
    expect(await s.exited).toBe(2);
    expect(s.output()).toContain('--port needs a number');
    expect(s.output()).toContain('Usage: npm start');
  });

  it.runIf(process.platform !== 'win32')(
    'with Electron: starts the desktop main process and forwards signals to it',
    async () => {
      const root = makeTempDir();
      const fakeDir = path.join(root, 'electron-dist');
      fs.mkdirSync(fakeDir);
      const { record } = fakeElectron(fakeDir);
      const dataDir = path.join(root, 'data');
      const s = start(['--data-dir', dataDir, '--claude-bin', '/opt/claude'], {
        HOME: root,
        DISPLAY: ':99',
        ELECTRON_OVERRIDE_DIST_PATH: fakeDir,
        ELECTRON_RUN_AS_NODE: '1',
      });
      await waitFor('the fake Electron', s, () => fs.existsSync(record));
      const seen = JSON.parse(fs.readFileSync(record, 'utf8'));
      expect(seen.argv[0]).toBe(MAIN_SCRIPT);
      expect(seen.argv).toEqual(
        expect.arrayContaining(['--data-dir', dataDir, '--claude-bin', '/opt/claude']),
      );
      expect(seen.runAsNode).toBeNull();
      expect(s.stdout()).toMatch(/^Starting the Claudomator desktop app/);
      expect(s.stdout()).not.toContain('browser mode');
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      expect(JSON.parse(fs.readFileSync(record, 'utf8')).signal).toBe('SIGTERM');
    },
  );

  it.runIf(process.platform !== 'win32')(
    'explains in one line when better-sqlite3 is not built for Electron',
    async () => {
      const root = makeTempDir();
      const fakeDir = path.join(root, 'electron-dist');
      fs.mkdirSync(fakeDir);
      fakeElectron(fakeDir);
      const s = start([], {
        HOME: root,
        DISPLAY: ':99',
        ELECTRON_OVERRIDE_DIST_PATH: fakeDir,
        FAKE_EXIT: String(NATIVE_MODULE_EXIT_CODE),
      });
      expect(await s.exited).toBe(NATIVE_MODULE_EXIT_CODE);
      const hint = s
        .output()
        .split('\n')
        .filter((l) => l.includes('better-sqlite3'));
      expect(hint).toHaveLength(1);
      expect(hint[0]).toContain('@electron/rebuild');
    },
  );

  it.runIf(process.platform === 'linux')(
    'with Electron but no display: browser mode, saying why',
    async () => {
      const root = makeTempDir();
      const fakeDir = path.join(root, 'electron-dist');
      fs.mkdirSync(fakeDir);
      const { record } = fakeElectron(fakeDir);
      const s = start(['--port', '0', '--data-dir', path.join(root, 'data')], {
        HOME: root,
        DISPLAY: undefined,
        WAYLAND_DISPLAY: undefined,
        ELECTRON_OVERRIDE_DIST_PATH: fakeDir,
      });
      await waitFor('the UI address', s, () => s.stdout().includes('Open the UI: '));
      expect(s.stdout().split('\n')[0]).toBe(NO_DISPLAY_MESSAGE);
      expect(fs.existsSync(record)).toBe(false);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    },
  );
});
