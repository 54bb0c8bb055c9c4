// The main side of the window's IPC, after GitHub Desktop's ipc-main.ts: every
// channel is bound through one typed helper, so a handler cannot be registered
// with the wrong types or left out, every payload is validated before a
// handler sees it, and a sender that is not our window is turned away.
// Electron is only a type here: tests drive it with a fake ipcMain.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  requestSchemas,
  type CallerContext,
  type Channel,
  type ErrorBody,
  type EventName,
  type EventPayloads,
  type Handlers,
  type RequestResult,
} from '../../src-shared/contract';
import { AppError } from '../core/errors';
import type { EventBus } from '../core/events/event-bus';
import { dispatchRequest } from '../core/handlers';
import {
  desktopSchemas,
  EVENT_NAMES,
  IPC_EVENT,
  IPC_REQUEST,
  type DesktopChannel,
  type DesktopParams,
  type DesktopResults,
  type IpcEventMessage,
  type IpcResponse,
} from './ipc-channels';

/** The desktop-only handlers, typed per channel like the contract's `Handlers`. */
export type DesktopHandlers = {
  [D in DesktopChannel]: (params: DesktopParams<D>) => Promise<DesktopResults[D]>;
};

/** Every channel the window may invoke, with the result it gets. */
export type IpcRoutes = { [C in Channel]: (raw: unknown) => Promise<RequestResult<C>> } & {
  [D in DesktopChannel]: (raw: unknown) => Promise<DesktopResults[D]>;
};

/** Requests from the window are the user's. */
const USER: CallerContext = { actor: 'user' };
const MAX_CHANNEL_LENGTH = 100;

function validateDesktop<D extends DesktopChannel>(channel: D, raw: unknown): DesktopParams<D> {
  const parsed = desktopSchemas[channel].safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new AppError('invalid_request', issues.join('; '));
  }
  return parsed.data as DesktopParams<D>;
}

/**
 * The route table. Contract channels go through `dispatchRequest` (the same
 * validation every transport uses); desktop channels through their schema.
 * Built from the schema maps, so every channel is bound; typed by `IpcRoutes`,
 * so each one returns what its channel promises.
 */
export function createRoutes(handlers: Handlers, desktop: DesktopHandlers): IpcRoutes {
  const routes: Record<string, (raw: unknown) => Promise<unknown>> = {};
  for (const channel of Object.keys(requestSchemas) as Channel[]) {
    routes[channel] = (raw) => dispatchRequest(handlers, channel, raw, USER);
  }
  for (const channel of Object.keys(desktopSchemas) as DesktopChannel[]) {
    const handler = desktop[channel] as (p: unknown) => Promise<unknown>;
    routes[channel] = (raw) => handler(validateDesktop(channel, raw));
  }
  return routes as IpcRoutes;
}

/** An error as the window sees it: the contract's code, a message safe to show. */
export function toErrorBody(err: unknown, log: (msg: string) => void): ErrorBody['error'] {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { code: 'internal', message: 'internal error' };
}

export interface BindIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: Handlers;
  desktop: DesktopHandlers;
  /** Whether the invoking frame is our window's page (see sender-check.ts). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  log: (msg: string) => void;
}

/**
 * Binds the one request channel. The answer is always an {@link IpcResponse}:
 * the preload turns `{ok: false}` back into a rejection, so the error's code
 * survives (a thrown error would reach the window as a bare message).
 */
export function bindIpc(opts: BindIpcOptions): () => void {
  const routes = createRoutes(opts.handlers, opts.desktop) as unknown as Record<
    string,
    (raw: unknown) => Promise<unknown>
  >;
  const respond = async (event: IpcMainInvokeEvent, request: unknown): Promise<IpcResponse> => {
    try {
      if (!opts.isTrustedSender(event)) {
        opts.log(`refused an IPC request from ${event.senderFrame?.url ?? 'a closed frame'}`);
        throw new AppError('forbidden', 'requests are accepted from the Claudomator window only');
      }
      if (typeof request !== 'object' || request === null) {
        throw new AppError('invalid_request', 'a request is {channel, params}');
      }
      const { channel, params } = request as { channel?: unknown; params?: unknown };
      if (typeof channel !== 'string' || channel.length > MAX_CHANNEL_LENGTH) {
        throw new AppError('invalid_request', 'a request needs a channel name');
      }
      const route = Object.prototype.hasOwnProperty.call(routes, channel)
        ? routes[channel]
        : undefined;
      if (!route) throw new AppError('not_found', `no channel ${channel}`);
      return { ok: true, result: await route(params) };
    } catch (err) {
      return { ok: false, error: toErrorBody(err, opts.log) };
    }
  };
  opts.ipcMain.handle(IPC_REQUEST, respond);
  return () => opts.ipcMain.removeHandler(IPC_REQUEST);
}

/** Where events go: our window's webContents, while it exists. */
export interface EventTarget {
  send(channel: string, message: IpcEventMessage): void;
  isDestroyed(): boolean;
}

/** Pushes one event to the window, if there is one to hear it. */
export function sendEvent<E extends EventName>(
  target: EventTarget | null,
  event: E,
  payload: EventPayloads[E],
): boolean {
  if (!target || target.isDestroyed()) return false;
  target.send(IPC_EVENT, { event, payload } as IpcEventMessage);
  return true;
}

/** Forwards every core event to the window; returns the unsubscribe. */
export function forwardEvents(
  bus: Pick<EventBus, 'on'>,
  target: () => EventTarget | null,
): () => void {
  const offs = EVENT_NAMES.map((event) =>
    bus.on(event, (payload) => {
      sendEvent(target(), event, payload);
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}
