// The browser-mode transport: the contract's requests and events over one
// WebSocket. The first message authenticates; nothing else is accepted before.
import type { Channel, ErrorBody, EventName, EventPayloads } from './contract';

export const WS_PATH = '/ws';

export type ClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'request'; id: number; channel: Channel; params: unknown };

export type ServerMessage =
  | { type: 'ready' }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: ErrorBody['error'] }
  | { [E in EventName]: { type: 'event'; event: E; payload: EventPayloads[E] } }[EventName];

/** Close codes the page acts on. */
export const WS_CLOSE = { unauthorized: 4001, tooSlow: 4008 } as const;
