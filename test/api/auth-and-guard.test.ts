// Who may call the API: the token, agents' own tokens, and the origin guard
// against DNS rebinding and cross-site requests.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../src-shared/contract';
import type { Project, Task, TaskDetail } from '../../src-shared/domain';
import { agentToken } from '../../src-main/core/api/agent-tokens';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import {
  apiClient,
  expectError,
  pollTask,
  rawRequest,
  type ApiCall,
  type ApiResponse,
} from './http-client';

let h: Harness;
let api: ApiCall;
let port: number;
let token: string;
let project: Project;
let done: Task;
let executionId: string;

beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h.serving.http.url, h.serving.engine.token);
  port = h.serving.http.port;
  token = h.serving.engine.token;
  const added = await api<Project>('POST', '/api/projects', { path: makeWorkingCopy() });
  expect(added.status, added.text).toBe(201);
  project = added.body;
  const created = await api<Task>('POST', '/api/tasks', {
    projectId: project.id,
    instructions: 'nothing much',
  });
  expect(created.status, created.text).toBe(201);
  const detail = await pollTask(api, created.body.id, 'COMPLETED');
  done = detail.task;
  executionId = detail.executions[0]!.id;
});

afterAll(async () => {
  await h.close();
  removeTempDirs();
});

/** A GET with a valid token and whatever headers the test sets (Host included). */
function guarded(path: string, headers: Record<string, string>): Promise<ApiResponse<unknown>> {
  return rawRequest(port, {
    path,
    headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, ...headers },
  });
}

describe('authentication', () => {
  it('GET /api/health needs no token and says ok with the version', async () => {
    const res = await api<Health>('GET', '/api/health', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: 'test' });
  });

  it('every other route answers 401 unauthorized without a token, and changes nothing', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/projects'],
      ['POST', '/api/projects', { path: makeWorkingCopy() }],
      ['DELETE', `/api/projects/${project.id}`],
      ['GET', '/api/tasks'],
      ['POST', '/api/tasks', { projectId: project.id, instructions: 'sneaky' }],
      ['GET', `/api/tasks/${done.id}`],
      ['DELETE', `/api/tasks/${done.id}`],
      ['POST', `/api/tasks/${done.id}/answer`, { answer: 'x' }],
      ['POST', `/api/tasks/${done.id}/cancel`],
      ['POST', `/api/tasks/${done.id}/retry`],
      ['GET', `/api/executions/${executionId}/log?stream=stdout`],
      ['GET', `/api/executions/${executionId}/events`],
      ['GET', '/api/settings'],
      ['PATCH', '/api/settings', { maxConcurrency: 9 }],
      ['GET', '/api/queue'],
    ];
    for (const [method, route, body] of routes) {
      const res = await api(method, route, body, { token: null });
      const error = expectError(res, 401, 'unauthorized');
      expect(error.message.length).toBeGreaterThan(0);
    }
    // Nothing of the above took effect.
    const tasks = await api<{ total: number }>('GET', '/api/tasks');
    expect(tasks.body.total).toBe(1);
    expect((await api<Project[]>('GET', '/api/projects')).body).toHaveLength(1);
    expect(
      (await api<{ maxConcurrency: number }>('GET', '/api/settings')).body.maxConcurrency,
    ).toBe(2);
  });

  it('a wrong token, a token without "Bearer" and an empty bearer are refused', async () => {
    const wrong = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
    expectError(await api('GET', '/api/tasks', undefined, { token: wrong }), 401, 'unauthorized');
    expectError(
      await api('GET', '/api/tasks', undefined, { token: `${token}x` }),
      401,
      'unauthorized',
    );
    const bare = await api('GET', '/api/tasks', undefined, {
      token: null,
      headers: { authorization: token },
    });
    expectError(bare, 401, 'unauthorized');
    const basic = await api('GET', '/api/tasks', undefined, {
      token: null,
      headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` },
    });
    expectError(basic, 401, 'unauthorized');
    const empty = await api('GET', '/api/tasks', undefined, {
      token: null,
      headers: { authorization: 'Bearer ' },
    });
    expectError(empty, 401, 'unauthorized');
  });

  it('"Bearer <token>" is accepted', async () => {
    const res = await api<{ tasks: Task[]; total: number }>('GET', '/api/tasks');
    expect(res.status).toBe(200);
    expect(res.body.tasks.map((t) => t.id)).toEqual([done.id]);
  });

  it('an agent token works only while its execution runs; forged ones never', async () => {
    const created = await api<Task>('POST', '/api/tasks', {
      projectId: project.id,
      instructions: withScenario('sleepy', scenario([{ sleep: 2500 }])),
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    let running: TaskDetail | undefined;
    for (let i = 0; i < 400 && !running; i++) {
      const d = (await api<TaskDetail>('GET', `/api/tasks/${id}`)).body;
      if (d.executions[0]?.state === 'RUNNING') running = d;
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(running, 'the sleeping execution never ran').toBeDefined();
    const exec = running!.executions[0]!;
    const agent = agentToken(token, exec.id);

    const queue = await api('GET', '/api/queue', undefined, { token: agent });
    expect(queue.status, queue.text).toBe(200);
    // What the agent does is recorded as the agent's doing.
    const sub = await api<Task>(
      'POST',
      '/api/tasks',
      { parentId: id, name: 'child', instructions: 'child work' },
      { token: agent },
    );
    expect(sub.status, sub.text).toBe(201);
    const subDetail = await api<TaskDetail>('GET', `/api/tasks/${sub.body.id}`);
    expect(subDetail.body.history[0]!.actor).toBe('agent');

    // Forgeries, tried while the execution is live so only the signature check can refuse them.
    const forged = [
      `agent.${exec.id}.${'0'.repeat(64)}`,
      agentToken('f'.repeat(64), exec.id),
      `${agent.slice(0, -1)}${agent.endsWith('a') ? 'b' : 'a'}`,
      `agent.${exec.id}`,
      `agent.${exec.id}.`,
      agentToken(token, randomUUID()),
    ];
    for (const f of forged) {
      expectError(await api('GET', '/api/queue', undefined, { token: f }), 401, 'unauthorized');
    }
    expect((await api<TaskDetail>('GET', `/api/tasks/${id}`)).body.executions[0]!.state).toBe(
      'RUNNING',
    );

    // Once the run is over, the same token is refused.
    for (let i = 0; i < 800; i++) {
      const d = (await api<TaskDetail>('GET', `/api/tasks/${id}`)).body;
      if (d.executions[0]!.state !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const after = await api('GET', '/api/queue', undefined, { token: agent });
    expectError(after, 401, 'unauthorized');
    expect(h.serving.engine.store.executions.get(exec.id).state).not.toBe('RUNNING');
    await h.waitFor(id, (t) => t.state === 'COMPLETED' || t.state === 'FAILED');
  });
});

describe('origin guard (with a valid token every time)', () => {
  it('refuses a non-loopback Host (DNS rebinding), even for /api/health', async () => {
    expectError(await guarded('/api/tasks', { host: `evil.example:${port}` }), 403, 'forbidden');
    expectError(await guarded('/api/health', { host: `evil.example:${port}` }), 403, 'forbidden');
    expectError(await guarded('/api/tasks', { host: 'evil.example' }), 403, 'forbidden');
    expectError(
      await guarded('/api/tasks', { host: `127.0.0.1.evil.example:${port}` }),
      403,
      'forbidden',
    );
  });

  it('accepts Host localhost:PORT and 127.0.0.1:PORT', async () => {
    expect((await guarded('/api/tasks', { host: `localhost:${port}` })).status).toBe(200);
    expect((await guarded('/api/tasks', { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses foreign, other-port and opaque Origins', async () => {
    const other = port === 65535 ? port - 1 : port + 1;
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1:${other}`,
      `http://localhost:${other}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      const res = await guarded('/api/tasks', { origin });
      expect(res.status, origin).toBe(403);
      expectError(res, 403, 'forbidden');
    }
  });

  it('accepts its own origin', async () => {
    expect((await guarded('/api/tasks', { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await guarded('/api/tasks', { origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('refuses Sec-Fetch-Site: cross-site, accepts same-origin', async () => {
    expectError(await guarded('/api/tasks', { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
    expect((await guarded('/api/tasks', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('answers grant no cross-origin reads and are not cached, errors included', async () => {
    const answers = [
      await api('GET', '/api/tasks', undefined, {
        headers: { origin: `http://127.0.0.1:${port}` },
      }),
      await api('GET', '/api/health', undefined, { token: null }),
      await api('GET', '/api/tasks', undefined, { token: null }),
      await guarded('/api/tasks', { origin: 'http://evil.example' }),
      await api('GET', '/api/tasks/no-such-task'),
    ];
    for (const res of answers) {
      expect(res.headers['access-control-allow-origin'], res.text).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('a refused cross-origin POST has no effect', async () => {
    const body = JSON.stringify({ path: makeWorkingCopy() });
    const res = await rawRequest(port, {
      method: 'POST',
      path: '/api/projects',
      headers: {
        host: `127.0.0.1:${port}`,
        authorization: `Bearer ${token}`,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body,
    });
    expectError(res, 403, 'forbidden');
    expect((await api<Project[]>('GET', '/api/projects')).body).toHaveLength(1);
  });
});
