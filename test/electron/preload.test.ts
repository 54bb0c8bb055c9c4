// The preload against a fake contextBridge / ipcRenderer / webUtils: what the
// page gets, and that nothing else leaks.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClaudomatorApi, DesktopBridge } from '../../src-shared/contract';
import { IPC_EVENT, IPC_REQUEST } from '../../src-main/electron/ipc-channels';

const electron = vi.hoisted(() => {
  const ipcListeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  return {
    exposed: [] as Array<[string, unknown]>,
    ipcListeners,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        electron.exposed.push([key, api]);
      },
    },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: null })),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      }),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
    webUtils: { getPathForFile: vi.fn((file: { name: string }) => `/dropped/${file.name}`) },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
}));

let api: ClaudomatorApi & { desktop: DesktopBridge };
let preload: typeof import('../../src-main/electron/preload');

/** What main would send on the event channel. */
function push(event: string, payload: unknown): void {
  for (const l of electron.ipcListeners.get(IPC_EVENT) ?? [])
    l({ sender: electron.ipcRenderer, senderId: 0 }, { event, payload });
}

beforeAll(async () => {
  preload = await import('../../src-main/electron/preload.js');
  expect(electron.exposed).toHaveLength(1);
  api = electron.exposed[0]![1] as typeof api;
});

describe('preload', () => {
  it('exposes exactly window.claudomator = {request, on, desktop}', () => {
    expect(electron.exposed[0]![0]).toBe('claudomator');
    expect(Object.keys(api).sort()).toEqual(['desktop', 'on', 'request']);
    expect(typeof api.request).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.keys(api.desktop).sort()).toEqual(['pathForFile', 'pickFolders', 'reveal']);
  });

  it('leaks no Electron or Node object', () => {
    const seen = new Set<unknown>();
    const walk = (value: unknown, where: string): void => {
      if (value === null || typeof value !== 'object') {
        if (typeof value !== 'function') throw new Error(`${where} is a ${typeof value}`);
        return;
      }
      if (seen.has(value)) return;
      seen.add(value);
      expect(Object.getPrototypeOf(value), where).toBe(Object.prototype);
      for (const forbidden of [electron.ipcRenderer, electron.webUtils, electron.contextBridge]) {
        expect(value, where).not.toBe(forbidden);
      }
      for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    };
    walk(api, 'claudomator');
  });

  it('listens on the one event channel only, and uses the one request channel', async () => {
    expect(preload.REQUEST_CHANNEL).toBe(IPC_REQUEST);
    expect(preload.EVENT_CHANNEL).toBe(IPC_EVENT);
    expect([...electron.ipcListeners.keys()]).toEqual([IPC_EVENT]);
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: true,
      result: { tasks: [], total: 0 },
    });
    await expect(api.request('tasks.list', { limit: 5 })).resolves.toEqual({ tasks: [], total: 0 });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_REQUEST, {
      channel: 'tasks.list',
      params: { limit: 5 },
    });
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('turns error answers back into rejections', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_request', message: 'id: too short' },
    });
    const err = await api.request('tasks.get', { id: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ message: 'id: too short', code: 'invalid_request' });
    await expect(api.request(42 as never, {} as never)).rejects.toThrow(/channel/);
  });

  it('fans events out to their listeners with the payload only', () => {
    const a = vi.fn();
    const b = vi.fn();
    const other = vi.fn();
    const offA = api.on('task.updated', a);
    api.on('task.updated', b);
    api.on('queue.state', other);
    push('task.updated', { id: 't1' });
    expect(a).toHaveBeenCalledTimes(1);
    expect(a.mock.calls[0]).toEqual([{ id: 't1' }]);
    expect(b.mock.calls[0]).toEqual([{ id: 't1' }]);
    expect(other).not.toHaveBeenCalled();
    offA();
    push('task.updated', { id: 't2' });
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    push('task.updated', null);
    push(undefined as never, 1);
    expect(b).toHaveBeenCalledTimes(3);
  });

  it('keeps delivering when a listener throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    api.on('project.added', () => {
      throw new Error('boom');
    });
    api.on('project.added', good);
    push('project.added', { id: 'p' });
    expect(good).toHaveBeenCalledWith({ id: 'p' });
    error.mockRestore();
  });

  it('holds ui.command until the page listens', async () => {
    push('ui.command', { command: 'openTask', taskId: 't7' });
    const listener = vi.fn();
    api.on('ui.command', listener);
    await new Promise((r) => setTimeout(r, 10));
    expect(listener).toHaveBeenCalledWith({ command: 'openTask', taskId: 't7' });
    push('ui.command', { command: 'newTask' });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('desktop: dropped files become paths, folders and reveal go over the request channel', async () => {
    expect(api.desktop.pathForFile({ name: 'proj' } as File)).toBe('/dropped/proj');
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: ['/a'] });
    await expect(api.desktop.pickFolders()).resolves.toEqual(['/a']);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_REQUEST, {
      channel: 'desktop.pickFolders',
      params: {},
    });
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { ok: true } });
    await expect(api.desktop.reveal('/tmp/x')).resolves.toBeUndefined();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_REQUEST, {
      channel: 'desktop.reveal',
      params: { path: '/tmp/x' },
    });
  });

  it('compiles to a script a sandboxed preload can run: it requires electron and nothing else', () => {
    const compiled = path.resolve(__dirname, '../../dist/src-main/electron/preload.js');
    const source = fs.readFileSync(compiled, 'utf8');
    const required = [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map(
      (m) => m[1],
    );
    expect(required).toEqual(['electron']);
    expect(source).not.toMatch(/\bimport\s*\(/);
  });
});
