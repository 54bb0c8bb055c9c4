import fc from 'fast-check';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas, type Channel } from '../../src-shared/contract';
import type { ServerMessage } from '../../src-shared/ws-protocol';
import { dispatchRequest } from '../../src-main/core/handlers';
import { AppError } from '../../src-main/core/errors';
import { startHarness, type Harness } from '../support/engine-harness';
import { makeWorkingCopy, removeTempDirs } from '../support/git-repos';

// Issue 4, suite 7: every request channel, fed random and boundary payloads
// through the in-process dispatch (what IPC calls) and the WebSocket, is
// rejected with a validation error or handled — never a crash, never an
// internal error, never a half-written row.

const CHANNELS = Object.keys(requestSchemas) as Channel[];
// Channels whose valid calls would change what the fuzzing runs on.
const DESTRUCTIVE: readonly Channel[] = ['settings.set', 'app.checkClaude'];
const EXPECTED_CODES = new Set(['invalid_request', 'not_found', 'conflict']);

let h: Harness;
let realTaskId: string;
beforeAll(async () => {
  h = await startHarness({ maxConcurrency: 1 });
  const project = makeWorkingCopy();
  const t = await h.call('tasks.create', { projectPath: project, instructions: 'seed' });
  realTaskId = t.id;
  await h.waitFor(t.id, 'COMPLETED');
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

/** Payloads shaped like requests: known keys with wrong, boundary and random values. */
function payloads(): fc.Arbitrary<unknown> {
  const keys = [
    'id',
    'taskId',
    'executionId',
    'projectId',
    'projectPath',
    'path',
    'instructions',
    'answer',
    'stream',
    'offset',
    'limit',
    'afterSeq',
    'state',
    'hash',
    'search',
    'parentId',
    'agent',
    'priority',
    'encoding',
    'maxConcurrency',
    '__proto__',
    'constructor',
  ];
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom(
      '',
      ' ',
      '..',
      '../../etc/passwd',
      '/etc/passwd',
      '\u0000',
      'x'.repeat(5000),
      -1,
      0,
      Number.MAX_SAFE_INTEGER,
      Number.NaN,
      1e308,
      null,
      true,
      [],
      {},
    ),
    fc.constant(realTaskId),
  );
  return fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }));
}

function safeChannels(): Channel[] {
  return CHANNELS.filter((c) => !DESTRUCTIVE.includes(c));
}

async function integrity(): Promise<void> {
  const db = h.serving.engine.store.db;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  // No task without its creation in the history: nothing was half-written.
  const orphans = db
    .prepare(
      'SELECT count(*) AS n FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM task_history h WHERE h.task_id = t.id)',
    )
    .get() as { n: number };
  expect(orphans.n).toBe(0);
}

describe('contract fuzzing', () => {
  it('in-process dispatch (the IPC path): validation error or a clean result, never internal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...safeChannels()), payloads(), async (channel, params) => {
        try {
          await dispatchRequest(h.serving.engine.handlers, channel, params, { actor: 'user' });
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect(EXPECTED_CODES.has((err as AppError).code)).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20261124 },
    );
    await integrity();
  });

  it('the WebSocket transport answers every random request with a response, never a drop', async () => {
    const url = h.serving.http.url.replace('http:', 'ws:') + '/ws';
    const ws = new WebSocket(url, { headers: { origin: h.serving.http.url } });
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'auth', token: h.serving.engine.token }));
    await expect.poll(() => messages.some((m) => m.type === 'ready')).toBe(true);

    const samples = fc.sample(
      fc.tuple(fc.constantFrom(...safeChannels(), 'no.such.channel'), payloads()),
      { numRuns: 200, seed: 7 },
    );
    samples.forEach(([channel, params], i) => {
      let body: string;
      try {
        body = JSON.stringify({ type: 'request', id: i + 1, channel, params });
      } catch {
        body = JSON.stringify({ type: 'request', id: i + 1, channel, params: null });
      }
      ws.send(body);
    });
    await expect
      .poll(() => messages.filter((m) => m.type === 'response').length, { timeout: 30_000 })
      .toBe(samples.length);
    for (const m of messages) {
      if (m.type === 'response' && !m.ok) expect(m.error.code).not.toBe('internal');
    }
    ws.close();
    await integrity();
  });

  it('malformed frames close only that socket; the server keeps serving', async () => {
    const url = h.serving.http.url.replace('http:', 'ws:') + '/ws';
    const bad = new WebSocket(url, { headers: { origin: h.serving.http.url } });
    await new Promise((r) => bad.once('open', r));
    const closed = new Promise<number>((r) => bad.once('close', (code) => r(code)));
    bad.send('{not json');
    expect(await closed).toBe(1003);
    const health = await fetch(`${h.serving.http.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('a socket that sends a wrong token, or none, is closed as unauthorized', async () => {
    const url = h.serving.http.url.replace('http:', 'ws:') + '/ws';
    const ws = new WebSocket(url, { headers: { origin: h.serving.http.url } });
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'tasks.list', params: {} }));
    expect(await closed).toBe(4001);
    const other = new WebSocket(url, { headers: { origin: 'http://evil.example' } });
    const refused = await new Promise<string>((r) => {
      other.once('unexpected-response', (_req, res) => r(String(res.statusCode)));
      other.once('error', (e) => r(e.message));
    });
    expect(refused).toMatch(/403/);
  });
});
