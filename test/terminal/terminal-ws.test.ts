import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src-shared/ws-protocol';
import type { Harness } from '../support/engine-harness';
import { removeTempDirs } from '../support/git-repos';
import { harnessWithBlockedTask } from './blocked-task';

// The terminal over the browser transport: the authenticated WebSocket of
// `serve`, the same contract and events the desktop IPC carries.

let h: Harness;
let taskId: string;
beforeAll(async () => {
  ({ h, taskId } = await harnessWithBlockedTask());
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

async function connect() {
  const base = h.serving.http.url;
  const ws = new WebSocket(`${base.replace('http:', 'ws:')}/ws`, { headers: { origin: base } });
  const messages: ServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'auth', token: h.serving.engine.token }));
  await expect.poll(() => messages.some((m) => m.type === 'ready')).toBe(true);
  let nextId = 1;
  const request = async (channel: string, params: unknown) => {
    const id = nextId++;
    ws.send(JSON.stringify({ type: 'request', id, channel, params }));
    await expect
      .poll(() => messages.some((m) => m.type === 'response' && m.id === id), { timeout: 15_000 })
      .toBe(true);
    const res = messages.find((m) => m.type === 'response' && m.id === id)!;
    if (res.type !== 'response' || !res.ok) throw new Error(JSON.stringify(res));
    return res.result as Record<string, unknown>;
  };
  const printed = () =>
    messages
      .map((m) =>
        m.type === 'event' && m.event === 'terminal.output'
          ? (m.payload as { data: string }).data
          : '',
      )
      .join('');
  return { ws, messages, request, printed };
}

describe('terminals over the WebSocket', () => {
  it('opens, echoes typed input, resizes, reports the exit', async () => {
    const c = await connect();
    const term = await c.request('terminals.open', { taskId, kind: 'shell', cols: 80, rows: 24 });
    await c.request('terminals.input', { id: term.id, data: 'echo ws-$((20+22))\r' });
    await expect.poll(c.printed, { timeout: 15_000 }).toMatch(/ws-42\r\n/);
    await c.request('terminals.resize', { id: term.id, cols: 99, rows: 33 });
    await c.request('terminals.input', { id: term.id, data: 'stty size\r' });
    await expect.poll(c.printed, { timeout: 15_000 }).toMatch(/[\r\n]33 99\r\n/);
    await c.request('terminals.input', { id: term.id, data: 'exit 5\r' });
    await expect
      .poll(
        () =>
          c.messages.find((m) => m.type === 'event' && m.event === 'terminal.exit') as
            { payload?: { exitCode: number } } | undefined,
        { timeout: 15_000 },
      )
      .toMatchObject({ payload: { id: term.id, exitCode: 5, running: false } });
    await c.request('terminals.close', { id: term.id });
    c.ws.close();
  });

  it('is not part of the HTTP API agents use', async () => {
    const res = await fetch(`${h.serving.http.url}/api/terminals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.serving.engine.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ taskId, kind: 'shell', cols: 80, rows: 24 }),
    });
    expect(res.status).toBe(404);
  });
});
