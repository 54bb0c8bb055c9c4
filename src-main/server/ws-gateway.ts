import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ERROR_CODES, EVENT_NAMES, type EventName, type Handlers } from '../../src-shared/contract';
import {
  WS_CLOSE,
  WS_PATH,
  type ClientMessage,
  type ServerMessage,
} from '../../src-shared/ws-protocol';
import { authenticate } from '../core/api/agent-tokens';
import { checkOrigin } from '../core/api/request-guard';
import { AppError, errorMessage } from '../core/errors';
import type { EventBus } from '../core/events/event-bus';
import { dispatchRequest, isChannel } from '../core/handlers';

/** Output a client that fell this far behind does not get; it reads the log or the scrollback again. */
const DROPPABLE: ReadonlySet<EventName> = new Set(['execution.output', 'terminal.output']);
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** A client this far behind loses live output (it re-reads the log from its offsets). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const AUTH_TIMEOUT_MS = 5000;

export interface GatewayDeps {
  handlers: Handlers;
  bus: EventBus;
  token: string;
  port: () => number;
  log: (msg: string) => void;
}

/**
 * The contract over WebSocket for the browser page: same handlers, same
 * validation, same events as the desktop IPC. The page proves itself with the
 * API token as its first message (a browser cannot set headers on a socket).
 */
export function attachWsGateway(server: Server, deps: GatewayDeps): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== WS_PATH) throw new AppError('not_found', 'no such socket');
      checkOrigin(req, deps.port());
    } catch (err) {
      const status = err instanceof AppError ? ERROR_CODES[err.code] : 400;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, deps));
  };
  server.on('upgrade', onUpgrade);
  return {
    close: () => {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function send(ws: WebSocket, msg: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function serveClient(ws: WebSocket, deps: GatewayDeps): void {
  let authed = false;
  const unsubscribe: (() => void)[] = [];
  const authTimer = setTimeout(
    () => ws.close(WS_CLOSE.unauthorized, 'authenticate first'),
    AUTH_TIMEOUT_MS,
  );

  const subscribe = (): void => {
    for (const event of EVENT_NAMES) {
      unsubscribe.push(
        deps.bus.on(event, (payload) => {
          if (DROPPABLE.has(event) && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
          send(ws, { type: 'event', event, payload } as ServerMessage);
        }),
      );
    }
  };

  ws.on('message', (data, isBinary) => {
    let msg: ClientMessage;
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(data.toString()) as ClientMessage;
      if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
    } catch {
      ws.close(1003, 'messages must be JSON objects');
      return;
    }
    if (!authed) {
      try {
        if (msg.type !== 'auth' || typeof msg.token !== 'string') throw new Error('auth');
        if (authenticate(`Bearer ${msg.token}`, deps.token, () => false).actor !== 'user') {
          throw new Error('auth');
        }
      } catch {
        ws.close(WS_CLOSE.unauthorized, 'wrong token');
        return;
      }
      authed = true;
      clearTimeout(authTimer);
      subscribe();
      send(ws, { type: 'ready' });
      return;
    }
    if (msg.type !== 'request' || typeof msg.id !== 'number') {
      ws.close(1008, 'expected a request');
      return;
    }
    void handle(ws, deps, msg);
  });
  ws.on('close', () => {
    clearTimeout(authTimer);
    for (const off of unsubscribe) off();
  });
  ws.on('error', (err) => deps.log(`websocket: ${errorMessage(err)}`));
}

async function handle(
  ws: WebSocket,
  deps: GatewayDeps,
  msg: Extract<ClientMessage, { type: 'request' }>,
): Promise<void> {
  try {
    if (!isChannel(msg.channel))
      throw new AppError('not_found', `no channel ${String(msg.channel)}`);
    const result = await dispatchRequest(deps.handlers, msg.channel, msg.params, { actor: 'user' });
    send(ws, { type: 'response', id: msg.id, ok: true, result });
  } catch (err) {
    if (err instanceof AppError) {
      send(ws, {
        type: 'response',
        id: msg.id,
        ok: false,
        error: { code: err.code, message: err.message },
      });
    } else {
      deps.log(
        `internal error on ${msg.channel}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      send(ws, {
        type: 'response',
        id: msg.id,
        ok: false,
        error: { code: 'internal', message: 'internal error' },
      });
    }
  }
}
