// Request bodies: JSON only, objects only, strict schemas, a 2 MB cap, and
// error answers that never show the app's insides.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, Task } from '../../src-shared/domain';
import { startHarness, type Harness } from '../support/engine-harness';
import { makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import { apiClient, expectError, rawRequest, type ApiCall, type ApiResponse } from './http-client';

const MB = 1024 * 1024;

let h: Harness;
let api: ApiCall;
let port: number;
let project: Project;

beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h.serving.http.url, h.serving.engine.token);
  port = h.serving.http.port;
  const added = await api<Project>('POST', '/api/projects', { path: makeWorkingCopy() });
  expect(added.status, added.text).toBe(201);
  project = added.body;
});

afterAll(async () => {
  await h.close();
  removeTempDirs();
});

/** A POST with the valid token and exactly these headers and body. */
function post(
  path: string,
  body: string | Buffer | Buffer[],
  headers: Record<string, string | number> = { 'content-type': 'application/json' },
): Promise<ApiResponse<unknown>> {
  return rawRequest(port, {
    method: 'POST',
    path,
    headers: {
      host: `127.0.0.1:${port}`,
      authorization: `Bearer ${h.serving.engine.token}`,
      ...headers,
    },
    ...(Array.isArray(body) ? { chunks: body } : { body }),
  });
}

async function taskCount(): Promise<number> {
  return (await api<{ total: number }>('GET', '/api/tasks')).body.total;
}

/** A JSON task body of exactly `bytes` bytes (its instructions padded with x). */
function taskBodyOfSize(bytes: number): Buffer {
  const shell = JSON.stringify({ projectId: project.id, instructions: '' });
  const text = JSON.stringify({
    projectId: project.id,
    instructions: 'x'.repeat(bytes - Buffer.byteLength(shell)),
  });
  const buf = Buffer.from(text);
  expect(buf.length).toBe(bytes);
  return buf;
}

describe('malformed bodies', () => {
  it('refuses JSON that does not parse with 400', async () => {
    const error = expectError(
      await post('/api/tasks', '{"projectId": "x", "instructions": '),
      400,
      'invalid_request',
    );
    expect(error.message).toMatch(/JSON/);
    expectError(await post('/api/projects', "{'path': '/tmp'}"), 400, 'invalid_request');
  });

  it('refuses a body that is not application/json with 400', async () => {
    const json = JSON.stringify({ projectId: project.id, instructions: 'plain text?' });
    const res = await post('/api/tasks', json, { 'content-type': 'text/plain' });
    expect(expectError(res, 400, 'invalid_request').message).toMatch(/application\/json/);
    expectError(
      await post('/api/tasks', json, { 'content-type': 'application/x-www-form-urlencoded' }),
      400,
      'invalid_request',
    );
    // No content type at all is not JSON either.
    expectError(await post('/api/tasks', json, {}), 400, 'invalid_request');
    expect(await taskCount()).toBe(0);
    // The same body as JSON (with a charset) goes through.
    const ok = await post('/api/tasks', json, {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(ok.status, ok.text).toBe(201);
    expect(await taskCount()).toBe(1);
  });

  it('refuses a JSON array or scalar where an object belongs', async () => {
    expectError(await post('/api/tasks', '[]'), 400, 'invalid_request');
    expectError(
      await post('/api/tasks', JSON.stringify([{ projectId: project.id, instructions: 'a' }])),
      400,
      'invalid_request',
    );
    expectError(await post('/api/projects', '"/tmp"'), 400, 'invalid_request');
    expectError(await post('/api/tasks/abc/answer', '["yes"]'), 400, 'invalid_request');
    expectError(await post('/api/tasks/abc/cancel', '42'), 400, 'invalid_request');
    const patch = await rawRequest(port, {
      method: 'PATCH',
      path: '/api/settings',
      headers: {
        host: `127.0.0.1:${port}`,
        authorization: `Bearer ${h.serving.engine.token}`,
        'content-type': 'application/json',
      },
      body: '[{"maxConcurrency": 5}]',
    });
    expectError(patch, 400, 'invalid_request');
  });
});

describe('schema validation of POST /api/tasks', () => {
  it('names an unknown field', async () => {
    const res = await api('POST', '/api/tasks', {
      projectId: project.id,
      instructions: 'do it',
      instructionz: 'typo',
    });
    expect(expectError(res, 400, 'invalid_request').message).toContain('instructionz');
    const nested = await api('POST', '/api/tasks', {
      projectId: project.id,
      instructions: 'do it',
      agent: { modle: 'x' },
    });
    expect(expectError(nested, 400, 'invalid_request').message).toContain('modle');
  });

  it('refuses wrong types', async () => {
    const bad: Record<string, unknown>[] = [
      { projectId: project.id, instructions: 42 },
      { projectId: 7, instructions: 'x' },
      { projectId: project.id, instructions: 'x', priority: 'high' },
      { projectId: project.id, instructions: 'x', priority: 1.5 },
      { projectId: project.id, instructions: 'x', agent: { maxBudgetUsd: '5' } },
      { projectId: project.id, instructions: 'x', agent: { allowedTools: 'Bash' } },
      { projectId: project.id, instructions: 'x', agent: 'opus' },
      { projectId: project.id, instructions: ['x'] },
      { projectId: project.id, instructions: null },
    ];
    for (const body of bad) {
      const res = await api('POST', '/api/tasks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expectError(res, 400, 'invalid_request');
    }
    const priority = await api('POST', '/api/tasks', {
      projectId: project.id,
      instructions: 'x',
      priority: 'high',
    });
    expect(expectError(priority, 400, 'invalid_request').message).toContain('priority');
  });

  it('refuses empty and blank instructions, and a missing project', async () => {
    for (const instructions of ['', '   ', '\n\t\n']) {
      const res = await api('POST', '/api/tasks', { projectId: project.id, instructions });
      expect(expectError(res, 400, 'invalid_request').message).toMatch(/instructions/);
    }
    const missing = await api('POST', '/api/tasks', { projectId: project.id });
    expect(expectError(missing, 400, 'invalid_request').message).toMatch(/instructions/);
    const noProject = await api('POST', '/api/tasks', { instructions: 'x' });
    expect(expectError(noProject, 400, 'invalid_request').message).toMatch(/project/);
    const empty = await post('/api/tasks', '');
    expectError(empty, 400, 'invalid_request');
  });
});

describe('body size', () => {
  it('answers 413 to a body over 2 MB with a correct Content-Length', async () => {
    const before = await taskCount();
    const body = taskBodyOfSize(2 * MB + 1);
    const res = await post('/api/tasks', body, {
      'content-type': 'application/json',
      'content-length': body.length,
    });
    expectError(res, 413, 'payload_too_large');
    expect(await taskCount()).toBe(before);
  });

  it('answers 413 to a chunked body over 2 MB that gives no length', async () => {
    const before = await taskCount();
    const body = taskBodyOfSize(2 * MB + 64 * 1024);
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length; at += 256 * 1024) {
      chunks.push(body.subarray(at, at + 256 * 1024));
    }
    const res = await post('/api/tasks', chunks);
    expectError(res, 413, 'payload_too_large');
    expect(await taskCount()).toBe(before);
  });

  it('reads a body of exactly 2 MB (then the instructions limit applies)', async () => {
    const res = await post('/api/tasks', taskBodyOfSize(2 * MB));
    expect(expectError(res, 400, 'invalid_request').message).toMatch(/instructions/);
  });

  it('checks the token before reading a body', async () => {
    const body = taskBodyOfSize(2 * MB + 1);
    const res = await rawRequest(port, {
      method: 'POST',
      path: '/api/tasks',
      headers: {
        host: `127.0.0.1:${port}`,
        'content-type': 'application/json',
        'content-length': body.length,
      },
      body,
    });
    expectError(res, 401, 'unauthorized');
    const garbage = await rawRequest(port, {
      method: 'POST',
      path: '/api/tasks',
      headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expectError(garbage, 401, 'unauthorized');
  });

  it('keeps serving after refusing a large body', async () => {
    const res = await api('GET', '/api/queue');
    expect(res.status).toBe(200);
  });
});

describe('error messages', () => {
  it('carry no stack frames or source paths, whatever went wrong', async () => {
    const answers: ApiResponse<unknown>[] = [
      await post('/api/tasks', '{'),
      await post('/api/tasks', '\u0000\u0001'),
      await post('/api/projects', JSON.stringify({ path: 'relative/nowhere' })),
      await post('/api/projects', JSON.stringify({ path: '/no/such/folder\u0000x' })),
      await post('/api/projects', JSON.stringify({ path: __filename })),
      await api('GET', '/api/tasks/no-such-task'),
      await api('GET', '/api/executions/no-such-execution/log'),
      await api('GET', '/api/executions/no-such-execution/events'),
      await api('GET', '/api/tasks?limit=1e99'),
      await api('GET', '/api/%E0%A4%A'),
      await api('POST', '/api/tasks', { parentId: 'no-such-parent', instructions: 'x' }),
      await api('POST', '/api/tasks', {
        projectId: project.id,
        instructions: 'x',
        agent: { contextDirs: ['relative'] },
      }),
    ];
    for (const res of answers) {
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
      const { error } = res.body as { error: { code: string; message: string } };
      expect(typeof error.message, res.text).toBe('string');
      expect(error.message).not.toMatch(/\n\s*at /);
      expect(error.message).not.toContain('/src-main/');
      expect(error.message).not.toContain('node_modules');
    }
  });
});

describe('a created task survives the checks above', () => {
  it('only the one valid create made a task', async () => {
    const { tasks } = (await api<{ tasks: Task[] }>('GET', '/api/tasks')).body;
    expect(tasks.map((t) => t.instructions)).toEqual(['plain text?']);
  });
});

describe('concurrent creates', () => {
  it('add a new folder as one project, however many arrive at once', async () => {
    const dir = makeWorkingCopy();
    const before = (await api<Project[]>('GET', '/api/projects')).body.length;
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api<Task>('POST', '/api/tasks', { projectPath: dir, instructions: `racer ${i}` }),
      ),
    );
    for (const res of created) expect(res.status, res.text).toBe(201);
    const projects = (await api<Project[]>('GET', '/api/projects')).body;
    expect(projects).toHaveLength(before + 1);
    expect(new Set(created.map((r) => r.body.projectId))).toEqual(
      new Set([projects.find((p) => p.path === fs.realpathSync(dir))!.id]),
    );
    // Stop them; nothing else in this file needs them.
    for (const res of created) await api('POST', `/api/tasks/${res.body.id}/cancel`);
    for (const res of created) {
      await h.waitFor(res.body.id, (t) => !['QUEUED', 'RUNNING'].includes(t.state));
    }
  });
});
