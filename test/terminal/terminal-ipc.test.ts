import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../src-shared/domain';
import { IPC_EVENT, IPC_REQUEST, type IpcResponse } from '../../src-main/electron/ipc-channels';
import { bindIpc, forwardEvents } from '../../src-main/electron/ipc-main';
import type { Harness } from '../support/engine-harness';
import { removeTempDirs } from '../support/git-repos';
import { harnessWithBlockedTask } from './blocked-task';

// The terminal over the desktop transport: the real IPC binding and event
// forwarding of the Electron shell, bound to the real engine. Only Electron's
// ipcMain and the window are stand-ins (no Electron binary can run here).

type Listener = (event: unknown, request: unknown) => Promise<IpcResponse>;

let h: Harness;
let taskId: string;
beforeAll(async () => {
  ({ h, taskId } = await harnessWithBlockedTask());
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

describe('terminals over the desktop IPC binding', () => {
  it('opens, echoes typed input to the window, resizes, reports the exit', async () => {
    const bound = new Map<string, Listener>();
    const unbind = bindIpc({
      ipcMain: {
        handle: (c: string, l: Listener) => void bound.set(c, l),
        removeHandler: () => {},
      } as never,
      handlers: h.serving.engine.handlers,
      desktop: {} as never,
      isTrustedSender: () => true,
      log: () => undefined,
    });
    const sent: { event: string; payload: unknown }[] = [];
    const stop = forwardEvents(h.serving.engine.bus, () => ({
      send: (channel: string, msg: { event: string; payload: unknown }) => {
        if (channel === IPC_EVENT) sent.push(msg);
      },
      isDestroyed: () => false,
    }));
    const invoke = async (channel: string, params: unknown) => {
      const res = await bound.get(IPC_REQUEST)!({}, { channel, params });
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      return res.result;
    };
    const printed = () =>
      sent
        .filter((m) => m.event === 'terminal.output')
        .map((m) => (m.payload as { data: string }).data)
        .join('');
    try {
      const term = (await invoke('terminals.open', {
        taskId,
        kind: 'shell',
        cols: 80,
        rows: 24,
      })) as TerminalInfo;
      await invoke('terminals.input', { id: term.id, data: 'echo ipc-$((50+8))\r' });
      await expect.poll(printed, { timeout: 15_000 }).toMatch(/ipc-58\r\n/);
      await invoke('terminals.resize', { id: term.id, cols: 90, rows: 20 });
      await invoke('terminals.input', { id: term.id, data: 'stty size\r' });
      await expect.poll(printed, { timeout: 15_000 }).toMatch(/[\r\n]20 90\r\n/);
      await invoke('terminals.input', { id: term.id, data: 'exit 9\r' });
      await expect
        .poll(() => sent.find((m) => m.event === 'terminal.exit')?.payload, { timeout: 15_000 })
        .toMatchObject({ id: term.id, exitCode: 9, running: false });
      // Bad input is refused at the boundary, with its reason.
      const bad = await bound.get(IPC_REQUEST)!(
        {},
        {
          channel: 'terminals.resize',
          params: { id: term.id, cols: -1, rows: 20 },
        },
      );
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      await invoke('terminals.close', { id: term.id });
    } finally {
      stop();
      unbind();
    }
  });
});
