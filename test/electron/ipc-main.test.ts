import { describe, expect, it, vi } from 'vitest';
import {
  requestSchemas,
  type Channel,
  type EventName,
  type Handlers,
} from '../../src-shared/contract';
import { AppError } from '../../src-main/core/errors';
import { EventBus } from '../../src-main/core/events/event-bus';
import {
  desktopSchemas,
  EVENT_NAMES,
  IPC_EVENT,
  IPC_REQUEST,
  type IpcResponse,
} from '../../src-main/electron/ipc-channels';
import {
  bindIpc,
  createRoutes,
  forwardEvents,
  type DesktopHandlers,
} from '../../src-main/electron/ipc-main';

type Listener = (event: unknown, request: unknown) => Promise<IpcResponse>;

function spyHandlers() {
  const calls: Array<{ channel: string; params: unknown }> = [];
  const handlers = {} as Record<Channel, (p: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(requestSchemas) as Channel[]) {
    handlers[channel] = vi.fn(async (params: unknown) => {
      calls.push({ channel, params });
      return { from: channel };
    });
  }
  return { handlers: handlers as unknown as Handlers, calls };
}

function spyDesktop() {
  const calls: Array<{ channel: string; params: unknown }> = [];
  const desktop: DesktopHandlers = {
    'desktop.pickFolders': vi.fn(async (params) => {
      calls.push({ channel: 'desktop.pickFolders', params });
      return ['/a', '/b'];
    }),
    'desktop.reveal': vi.fn(async (params) => {
      calls.push({ channel: 'desktop.reveal', params });
      return { ok: true as const };
    }),
  };
  return { desktop, calls };
}

const TRUSTED = { trusted: true };
const STRANGER = { trusted: false };

function setup(handlers = spyHandlers(), desktop = spyDesktop()) {
  const bound = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => void bound.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => void bound.delete(channel)),
  };
  const log = vi.fn();
  const unbind = bindIpc({
    ipcMain: ipcMain as never,
    handlers: handlers.handlers,
    desktop: desktop.desktop,
    isTrustedSender: (event) => (event as unknown as typeof TRUSTED).trusted,
    log,
  });
  const invoke = (request: unknown, event: unknown = TRUSTED) =>
    bound.get(IPC_REQUEST)!(event, request);
  return { bound, ipcMain, log, unbind, invoke, handlers, desktop };
}

describe('bindIpc', () => {
  it('binds one invoke channel and unbinds it', () => {
    const s = setup();
    expect([...s.bound.keys()]).toEqual([IPC_REQUEST]);
    s.unbind();
    expect(s.bound.size).toBe(0);
  });

  it('validates the payload before any handler runs', async () => {
    const s = setup();
    const bad = [
      { channel: 'tasks.create', params: { instructions: 42 } },
      { channel: 'tasks.get', params: { id: '' } },
      { channel: 'tasks.list', params: { bogus: true } },
      { channel: 'settings.set', params: { maxConcurrency: 'lots' } },
      { channel: 'desktop.reveal', params: {} },
      { channel: 'desktop.reveal', params: { path: 7 } },
      { channel: 'desktop.pickFolders', params: { extra: 1 } },
    ];
    for (const request of bad) {
      const res = await s.invoke(request);
      expect(res, JSON.stringify(request)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    }
    expect(s.handlers.calls).toEqual([]);
    expect(s.desktop.calls).toEqual([]);
  });

  it('passes valid params (as parsed) and the result back', async () => {
    const s = setup();
    expect(await s.invoke({ channel: 'tasks.get', params: { id: 't1' } })).toEqual({
      ok: true,
      result: { from: 'tasks.get' },
    });
    expect(s.handlers.calls).toEqual([{ channel: 'tasks.get', params: { id: 't1' } }]);
    expect(await s.invoke({ channel: 'desktop.reveal', params: { path: '/tmp' } })).toEqual({
      ok: true,
      result: { ok: true },
    });
    expect(await s.invoke({ channel: 'desktop.pickFolders', params: {} })).toEqual({
      ok: true,
      result: ['/a', '/b'],
    });
  });

  it('rejects a sender that is not our window, whatever it asks', async () => {
    const s = setup();
    for (const request of [
      { channel: 'app.info', params: {} },
      { channel: 'tasks.get', params: { id: 't1' } },
      { channel: 'desktop.reveal', params: { path: '/tmp' } },
      { channel: 'desktop.pickFolders', params: {} },
    ]) {
      expect(await s.invoke(request, STRANGER)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(s.handlers.calls).toEqual([]);
    expect(s.desktop.calls).toEqual([]);
  });

  it('binds every contract channel and every desktop channel', async () => {
    const routes = createRoutes(spyHandlers().handlers, spyDesktop().desktop);
    expect(Object.keys(routes).sort()).toEqual(
      [...Object.keys(requestSchemas), ...Object.keys(desktopSchemas)].sort(),
    );
    // Through the wire: each contract channel reaches its handler or its validation, never "no channel".
    const s = setup();
    for (const channel of Object.keys(requestSchemas)) {
      const res = await s.invoke({ channel, params: {} });
      if (res.ok) expect(res.result).toEqual({ from: channel });
      else expect(res.error.code, channel).toBe('invalid_request');
    }
    const reached = new Set(s.handlers.calls.map((c) => c.channel));
    for (const channel of [
      'app.health',
      'app.info',
      'projects.list',
      'tasks.list',
      'queue.state',
    ]) {
      expect(reached.has(channel), channel).toBe(true);
    }
  });

  it('refuses unknown channels and malformed requests', async () => {
    const s = setup();
    for (const channel of ['tasks.explode', '__proto__', 'constructor', 'toString', '']) {
      const res = await s.invoke({ channel, params: {} });
      expect(res.ok, channel).toBe(false);
    }
    expect(await s.invoke({ channel: 'hasOwnProperty', params: {} })).toMatchObject({
      error: { code: 'not_found' },
    });
    for (const request of [null, undefined, 'tasks.list', 42, { params: {} }, { channel: 1 }]) {
      expect(await s.invoke(request), String(request)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    }
    expect(await s.invoke({ channel: 'x'.repeat(1000), params: {} })).toMatchObject({
      error: { code: 'invalid_request' },
    });
  });

  it('maps errors to {code, message}, hiding internal ones', async () => {
    const spies = spyHandlers();
    (spies.handlers as unknown as Record<string, unknown>)['tasks.get'] = async () => {
      throw new AppError('not_found', 'task t9 not found');
    };
    (spies.handlers as unknown as Record<string, unknown>)['tasks.delete'] = async () => {
      throw new Error('SQLITE_BUSY at /secret/path');
    };
    const s = setup(spies);
    expect(await s.invoke({ channel: 'tasks.get', params: { id: 't9' } })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'task t9 not found' },
    });
    const internal = await s.invoke({ channel: 'tasks.delete', params: { id: 't9' } });
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining('SQLITE_BUSY'));
  });
});

describe('forwardEvents', () => {
  const payloads: { [E in EventName]: unknown } = {
    'task.updated': { id: 't1' },
    'task.deleted': { id: 't1' },
    'task.blocked': { task: { id: 't1' }, question: { text: '?', options: [] } },
    'execution.output': { executionId: 'e', taskId: 't', stream: 'stdout', offset: 0, chunk: 'x' },
    'execution.events': { executionId: 'e', taskId: 't', events: [] },
    'queue.state': { running: 1 },
    'project.added': { id: 'p' },
    'project.removed': { id: 'p' },
    'terminal.output': { id: 'x', taskId: 't', offset: 0, data: 'hi' },
    'terminal.exit': { id: 'x', taskId: 't', running: false, exitCode: 0 },
    'ui.command': { command: 'newTask' },
  };

  it('sends every event to the window on the one event channel', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(payloads).sort());
    const bus = new EventBus();
    const sent: Array<[string, unknown]> = [];
    const target = {
      send: (c: string, m: unknown) => void sent.push([c, m]),
      isDestroyed: () => false,
    };
    const stop = forwardEvents(bus, () => target);
    for (const event of EVENT_NAMES) bus.emit(event, payloads[event] as never);
    expect(sent).toEqual(
      EVENT_NAMES.map((event) => [IPC_EVENT, { event, payload: payloads[event] }]),
    );
    stop();
    bus.emit('task.updated', payloads['task.updated'] as never);
    expect(sent).toHaveLength(EVENT_NAMES.length);
  });

  it('drops events while there is no live window', () => {
    const bus = new EventBus();
    const send = vi.fn();
    let target: { send: typeof send; isDestroyed: () => boolean } | null = null;
    forwardEvents(bus, () => target);
    bus.emit('queue.state', payloads['queue.state'] as never);
    target = { send, isDestroyed: () => true };
    bus.emit('queue.state', payloads['queue.state'] as never);
    expect(send).not.toHaveBeenCalled();
  });
});
