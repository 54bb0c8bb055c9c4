// The desktop main process end to end, with a stand-in for Electron and the
// real engine (real SQLite, real git, the fake claude) underneath.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Project, Task } from '../../src-shared/domain';
import { IPC_EVENT, IPC_REQUEST, type IpcResponse } from '../../src-main/electron/ipc-channels';
import { APP_CSP } from '../../src-main/electron/window-options';
import { FAKE_CLAUDE_BIN, scenario } from '../support/fake-claude';
import { makeTempDir, makeWorkingCopy, removeTempDirs, TEST_IDENTITY } from '../support/git-repos';
import {
  app as fakeApp,
  fake,
  fakeEvent,
  FakeFrame,
  FakeWebContents,
  invokeEvent,
  type FakeBrowserWindow,
} from './support/fake-electron';

vi.mock('electron', async () => (await import('./support/fake-electron.js')).electronModule);

type DesktopApp = NonNullable<Awaited<typeof import('../../src-main/electron/main').ready>>;

const ROOT = path.resolve(__dirname, '../..');
const savedEnv = { ...process.env };
const savedArgv = process.argv;
let root: string;
let dataDir: string;
let desk: DesktopApp;
let win: FakeBrowserWindow;

async function waitFor<T>(what: string, fn: () => T | null | undefined | false, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function invoke(channel: string, params: unknown, event = invokeEvent(win.webContents)) {
  const handler = fake.ipc.get(IPC_REQUEST);
  if (!handler) throw new Error('no IPC handler bound');
  return (await handler(event, { channel, params })) as IpcResponse;
}

async function call<T>(channel: string, params: unknown): Promise<T> {
  const res = await invoke(channel, params);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
  return res.result as T;
}

const eventsSent = (name: string) =>
  win.webContents.sent
    .filter((s) => s.channel === IPC_EVENT)
    .map((s) => s.message as { event: string; payload: unknown })
    .filter((m) => m.event === name);

beforeAll(async () => {
  root = makeTempDir();
  dataDir = path.join(root, 'data');
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  Object.assign(process.env, { HOME: home, IS_SANDBOX: '1', ...TEST_IDENTITY });
  fake.paths.appData = path.join(root, 'appData');
  // As Playwright would start it: its own switches mixed in.
  process.argv = [
    process.execPath,
    path.join(ROOT, 'dist/src-main/electron/main.js'),
    '--inspect=0',
    '--remote-debugging-port=0',
    '--data-dir',
    dataDir,
    '--claude-bin',
    FAKE_CLAUDE_BIN,
  ];
  const main = await import('../../src-main/electron/main.js');
  const started = await main.ready;
  if (!started) throw new Error('the app did not start');
  desk = started;
  win = fake.windows[0]!;
});

afterAll(async () => {
  await desk?.shutdown();
  process.argv = savedArgv;
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  removeTempDirs();
});

describe('desktop main process', () => {
  it('takes the single-instance lock on the chosen data dir and runs the engine in desktop mode', async () => {
    expect(fake.paths.userData).toBe(dataDir);
    expect(fake.paths.sessionData).toBe(path.join(dataDir, 'electron'));
    expect(desk.engine?.paths.root).toBe(dataDir);
    const info = await call<{ mode: string; dataDir: string }>('app.info', {});
    expect(info).toMatchObject({ mode: 'desktop', dataDir });
    // Agents reach the local API on loopback.
    expect(desk.http?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${desk.http!.url}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true });
  });

  it('opens one locked-down window on the built page with the preload', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.preload).toBe(path.join(ROOT, 'dist/src-main/electron/preload.js'));
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(win.loadedFile).toBe(path.join(ROOT, 'dist/renderer/index.html'));
  });

  it('denies navigation and new windows, opening only https links outside', async () => {
    const nav = fakeEvent({ url: 'https://example.com/docs' });
    win.webContents.emit('will-navigate', nav, nav.url);
    expect(nav.defaultPrevented).toBe(true);
    const local = fakeEvent({ url: 'file:///etc/passwd' });
    win.webContents.emit('will-navigate', local, local.url);
    expect(local.defaultPrevented).toBe(true);
    const plain = fakeEvent({ url: 'http://example.com/' });
    win.webContents.emit('will-navigate', plain, plain.url);
    expect(plain.defaultPrevented).toBe(true);

    expect(win.webContents.windowOpenHandler!({ url: 'https://example.com/x' })).toEqual({
      action: 'deny',
    });
    expect(win.webContents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({
      action: 'deny',
    });
    const webview = fakeEvent();
    win.webContents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(fake.openedExternally).toEqual(['https://example.com/docs', 'https://example.com/x']);
  });

  it('denies permission requests', () => {
    const pageUrl = pathToFileURL(path.join(ROOT, 'dist/renderer/index.html')).href;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'midi']) {
      const cb = vi.fn();
      fake.permissionRequest!(win.webContents, permission, cb, { requestingUrl: pageUrl });
      expect(cb).toHaveBeenCalledWith(false);
      expect(fake.permissionCheck!(win.webContents, permission, 'file://', {})).toBe(false);
    }
  });

  it('sends the CSP with the app page', () => {
    const pageUrl = pathToFileURL(path.join(ROOT, 'dist/renderer/index.html')).href;
    const cb = vi.fn();
    fake.headers!({ url: pageUrl, responseHeaders: {} }, cb);
    expect(cb.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([APP_CSP]);
  });

  it('answers the page over IPC, validating payloads', async () => {
    const bad = await invoke('tasks.create', { instructions: 42, bogus: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const unknown = await invoke('tasks.explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses requests from anything but its own page in its own window', async () => {
    const other = new FakeWebContents();
    other.mainFrame.url = win.webContents.mainFrame.url;
    expect(await invoke('app.info', {}, invokeEvent(other))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const iframe = new FakeFrame(win.webContents.mainFrame.url, 1, 999_999);
    expect(await invoke('app.info', {}, invokeEvent(win.webContents, iframe))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const elsewhere = new FakeFrame(
      'file:///tmp/evil.html',
      1,
      win.webContents.mainFrame.routingId,
    );
    expect(await invoke('app.info', {}, invokeEvent(win.webContents, elsewhere))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke('app.info', {}, invokeEvent(win.webContents, null))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('forwards core events to the window', async () => {
    const project = await call<Project>('projects.add', { path: makeWorkingCopy() });
    await waitFor('project.added', () =>
      eventsSent('project.added').some((e) => (e.payload as Project).id === project.id),
    );
  });

  it('menu items reach the page as ui.command events', () => {
    const file = fake.appMenu!.template.find((m) => m.label === 'File')!;
    const newTask = (file.submenu as Array<Record<string, unknown>>).find(
      (i) => i.id === 'newTask',
    )!;
    (newTask.click as () => void)();
    expect(eventsSent('ui.command').map((e) => e.payload)).toContainEqual({ command: 'newTask' });
  });

  it('a second launch brings the window back', () => {
    win.hide();
    fakeApp.emit('second-instance', fakeEvent(), [], '/');
    expect(win.isVisible()).toBe(true);
  });

  it('a blocked task switches the tray icon, lists the task and notifies; clicks open it', async () => {
    const tray = fake.trays[0]!;
    expect(tray.image.path).toBe(path.join(ROOT, 'assets/tray.png'));
    const task = await call<Task>('tasks.create', {
      projectPath: makeWorkingCopy(),
      name: 'Pick a colour',
      instructions: `colour?\n${scenario([{ ask: { text: 'Blue or green?', options: ['blue', 'green'] } }])}`,
    });
    await waitFor('the tray icon to turn', () => tray.image.path.endsWith('tray-blocked.png'));
    expect(tray.tooltip).toContain('Pick a colour');
    const item = tray.menu!.template.find((i) => i.id === `task:${task.id}`)!;
    expect(item.label).toBe('Pick a colour');

    const notice = await waitFor('a notification', () =>
      fake.notifications.find((n) => n.options.title.includes('Pick a colour')),
    );
    expect(notice.shown).toBe(true);
    expect(notice.options.body).toContain('Blue or green?');
    notice.emit('click');
    expect(eventsSent('ui.command').map((e) => e.payload)).toContainEqual({
      command: 'openTask',
      taskId: task.id,
    });
    (item.click as () => void)();
    expect(
      eventsSent('ui.command').filter((e) => (e.payload as { taskId?: string }).taskId === task.id),
    ).toHaveLength(2);

    await call('tasks.answer', { id: task.id, answer: 'blue' });
    await waitFor('the tray icon to turn back', () => tray.image.path.endsWith('tray.png'));
  });

  it('quitting stops running agents (INTERRUPTED), saves the window, then exits', async () => {
    const task = await call<Task>('tasks.create', {
      projectPath: makeWorkingCopy(),
      instructions: `long\n${scenario([{ sleep: 60_000 }])}`,
    });
    await waitFor(
      'the task to run',
      () => desk.engine!.store.tasks.get(task.id).state === 'RUNNING',
    );
    fakeApp.quit();
    expect(fake.quitted).toBe(false); // held until the engine has closed
    await waitFor('the quit to go through', () => fake.quitted, 30_000);
    expect(fake.ipc.has(IPC_REQUEST)).toBe(false);
    expect(fake.trays[0]!.destroyed).toBe(true);
    const db = new Database(path.join(dataDir, 'claudomator.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT state FROM tasks WHERE id = ?').get(task.id) as {
        state: string;
      };
      expect(row.state).toBe('INTERRUPTED');
    } finally {
      db.close();
    }
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'));
    expect(saved).toMatchObject({ width: 1000, height: 700, x: 10, y: 20, maximized: false });
  });
});
