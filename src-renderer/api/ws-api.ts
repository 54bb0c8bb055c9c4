import type {
  Channel,
  ClaudomatorApi,
  EventName,
  EventPayloads,
  RequestParams,
  RequestResult,
} from '../../src-shared/contract';
import {
  WS_CLOSE,
  WS_PATH,
  type ClientMessage,
  type ServerMessage,
} from '../../src-shared/ws-protocol';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

/** An error from the main process, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export interface WsApi extends ClaudomatorApi {
  state(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  close(): void;
}

/**
 * The contract over the `serve` WebSocket: requests wait for the connection,
 * a dropped connection reconnects with backoff (pending requests fail, so
 * the UI shows it), and a wrong token stops trying.
 */
export function createWsApi(baseUrl: string, token: string): WsApi {
  const listeners = new Map<EventName, Set<(p: never) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let queue: string[] = [];
  let nextId = 1;
  let ws: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let retryMs = 250;
  let closedByUs = false;

  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const connect = (): void => {
    const url = new URL(WS_PATH, baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    ws = socket;
    setState('connecting');
    socket.onopen = () =>
      socket.send(JSON.stringify({ type: 'auth', token } satisfies ClientMessage));
    socket.onmessage = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as ServerMessage;
      if (msg.type === 'ready') {
        retryMs = 250;
        setState('open');
        for (const m of queue) socket.send(m);
        queue = [];
      } else if (msg.type === 'response') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (!p) return;
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new ApiError(msg.error.code, msg.error.message));
      } else if (msg.type === 'event') {
        for (const l of listeners.get(msg.event) ?? []) (l as (p: unknown) => void)(msg.payload);
      }
    };
    socket.onclose = (e: CloseEvent) => {
      for (const p of pending.values())
        p.reject(new ApiError('disconnected', 'connection to Claudomator lost'));
      pending.clear();
      queue = [];
      if (e.code === WS_CLOSE.unauthorized) {
        setState('unauthorized');
        return;
      }
      setState('closed');
      if (!closedByUs) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      }
    };
  };
  connect();

  return {
    request<C extends Channel>(channel: C, params: RequestParams<C>): Promise<RequestResult<C>> {
      return new Promise((resolve, reject) => {
        if (state === 'unauthorized') {
          reject(
            new ApiError(
              'unauthorized',
              'the page has no valid token; open the address serve printed',
            ),
          );
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        const msg = JSON.stringify({
          type: 'request',
          id,
          channel,
          params,
        } satisfies ClientMessage);
        if (state === 'open' && ws?.readyState === WebSocket.OPEN) ws.send(msg);
        else queue.push(msg);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: never) => void);
    },
    state: () => state,
    onState: (l) => {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    close: () => {
      closedByUs = true;
      ws?.close();
    },
  };
}
