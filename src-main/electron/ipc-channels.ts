// The wire between the preload and the main process: one invoke channel for
// every request, one channel for every event. Plain data and zod only, so the
// main process and the tests share it; the sandboxed preload cannot load it
// (it may only require 'electron') and repeats the two names — a test keeps
// them equal.
import { z } from 'zod';
import type { ErrorBody, EventName, EventPayloads } from '../../src-shared/contract';

/** `ipcRenderer.invoke(IPC_REQUEST, {channel, params})` → {@link IpcResponse}. */
export const IPC_REQUEST = 'claudomator:request';
/** `webContents.send(IPC_EVENT, {event, payload})`, fanned out by the preload. */
export const IPC_EVENT = 'claudomator:event';

/** What only the desktop shell answers (the `desktop` part of the API), besides the contract. */
export const desktopSchemas = {
  'desktop.pickFolders': z.object({}).strict(),
  'desktop.reveal': z.object({ path: z.string().min(1).max(4096) }).strict(),
} as const;

export interface DesktopResults {
  'desktop.pickFolders': string[];
  'desktop.reveal': { ok: true };
}

export type DesktopChannel = keyof typeof desktopSchemas;
export type DesktopParams<D extends DesktopChannel> = z.output<(typeof desktopSchemas)[D]>;

export function isDesktopChannel(name: string): name is DesktopChannel {
  return Object.prototype.hasOwnProperty.call(desktopSchemas, name);
}

export interface IpcRequest {
  channel: string;
  params: unknown;
}

export type IpcResponse = { ok: true; result: unknown } | { ok: false; error: ErrorBody['error'] };

export type IpcEventMessage = {
  [E in EventName]: { event: E; payload: EventPayloads[E] };
}[EventName];

export { EVENT_NAMES } from '../../src-shared/contract';
