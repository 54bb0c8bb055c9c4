// The window's preload: runs sandboxed, so it may require nothing but
// 'electron' (imports from src-shared are types only and vanish when
// compiled). It exposes exactly `window.claudomator = {request, on, desktop}`
// and nothing of ipcRenderer: requests go over one invoke channel, events
// arrive on one channel and are fanned out here.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type {
  Channel,
  ClaudomatorApi,
  DesktopBridge,
  EventName,
  EventPayloads,
  RequestParams,
  RequestResult,
} from '../../src-shared/contract';
import type { IpcResponse } from './ipc-channels';

// The same names as ipc-channels.ts (a test keeps them equal).
export const REQUEST_CHANNEL = 'claudomator:request';
export const EVENT_CHANNEL = 'claudomator:event';
/** ui.command events that arrive before the page listens (a notification click that opened the window). */
const MAX_HELD_COMMANDS = 10;

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

type Listener = (payload: unknown) => void;

/** A failed request: the contract's error code and a message safe to show. */
function apiError(code: string, message: string): Error {
  // Across contextBridge only the message survives; `code` is there for callers inside the preload.
  return Object.assign(new Error(message), { name: 'ApiError', code });
}

export function createApi(
  ipc: IpcRendererLike,
  utils: WebUtilsLike,
): ClaudomatorApi & { desktop: DesktopBridge } {
  const listeners = new Map<string, Set<Listener>>();
  const heldCommands: unknown[] = [];

  const deliver = (set: Set<Listener>, payload: unknown): void => {
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error('claudomator: an event listener threw', err);
      }
    }
  };

  ipc.on(EVENT_CHANNEL, (_event, message) => {
    // Only the payload goes on: the IPC event (and its `sender`) never reaches the page.
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    const set = listeners.get(event);
    if (set && set.size > 0) deliver(set, payload);
    else if (event === 'ui.command') {
      heldCommands.push(payload);
      if (heldCommands.length > MAX_HELD_COMMANDS) heldCommands.shift();
    }
  });

  const call = async (channel: string, params: unknown): Promise<unknown> => {
    const response = (await ipc.invoke(REQUEST_CHANNEL, { channel, params })) as IpcResponse;
    if (response.ok) return response.result;
    throw apiError(response.error.code, response.error.message);
  };

  return {
    request<C extends Channel>(channel: C, params: RequestParams<C>): Promise<RequestResult<C>> {
      if (typeof channel !== 'string') {
        return Promise.reject(apiError('invalid_request', 'a request needs a channel name'));
      }
      return call(channel, params) as Promise<RequestResult<C>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (typeof event !== 'string' || typeof listener !== 'function') {
        throw new TypeError('on(event, listener) needs an event name and a function');
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      if (event === 'ui.command' && heldCommands.length > 0) {
        const held = heldCommands.splice(0);
        // After `on` returns, so the listener may already hold its unsubscribe.
        setTimeout(() => {
          for (const payload of held) deliver(new Set([l]), payload);
        }, 0);
      }
      return () => {
        set.delete(l);
      };
    },
    desktop: {
      pathForFile: (file: File): string => utils.getPathForFile(file),
      pickFolders: () => call('desktop.pickFolders', {}) as Promise<string[]>,
      reveal: async (path: string): Promise<void> => {
        await call('desktop.reveal', { path });
      },
    },
  };
}

contextBridge.exposeInMainWorld('claudomator', createApi(ipcRenderer, webUtils));
