// Many concurrent requests on loopback, and a server log that never holds the token.
// Built with serve() directly (as startHarness does) so the test owns the log.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskPage } from '../../src-shared/contract';
import type { Project, Task, TaskDetail } from '../../src-shared/domain';
import { agentToken } from '../../src-main/core/api/agent-tokens';
import { serve, type Serving } from '../../src-main/server/serve';
import { FAKE_CLAUDE_BIN, scenario } from '../support/fake-claude';
import { withScenario } from '../support/engine-harness';
import { makeTempDir, makeWorkingCopy, removeTempDirs, TEST_IDENTITY } from '../support/git-repos';
import { apiClient, pollTask, rawRequest, type ApiCall, type ApiResponse } from './http-client';

const TOTAL = 1000;

const logged: string[] = [];
let serving: Serving;
let api: ApiCall;
let token: string;
let connections = 0;
const taskIds: string[] = [];

beforeAll(async () => {
  const root = makeTempDir();
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  serving = await serve({
    dataDir: path.join(root, 'data'),
    port: 0,
    version: 'test',
    claudeBin: FAKE_CLAUDE_BIN,
    maxConcurrency: 2,
    backoffBaseMs: 50,
    killGraceMs: 1000,
    agentEnv: { HOME: home, IS_SANDBOX: '1', ...TEST_IDENTITY },
    log: (m) => logged.push(m),
  });
  serving.http.server.on('connection', () => connections++);
  token = serving.engine.token;
  api = apiClient(serving.http.url, token);

  const project = await api<Project>('POST', '/api/projects', { path: makeWorkingCopy() });
  expect(project.status, project.text).toBe(201);
  for (let i = 0; i < 3; i++) {
    const t = await api<Task>('POST', '/api/tasks', {
      projectId: project.body.id,
      instructions: withScenario(
        `task ${i}`,
        scenario([{ commit: { path: `f${i}.txt`, content: `${i}`, message: `c${i}` } }]),
      ),
    });
    expect(t.status, t.text).toBe(201);
    taskIds.push(t.body.id);
  }
  for (const id of taskIds) await pollTask(api, id, 'COMPLETED');

  // Make the server write to its log: a resumed task whose preserved sandbox is gone.
  const asking = await api<Task>('POST', '/api/tasks', {
    projectId: project.body.id,
    instructions: withScenario('ask', scenario([{ ask: { text: 'Go?', options: ['yes'] } }])),
  });
  taskIds.push(asking.body.id);
  const blocked = await pollTask(api, asking.body.id, 'BLOCKED');
  fs.rmSync(blocked.task.sandboxDir!, { recursive: true, force: true });
  const answered = await api('POST', `/api/tasks/${asking.body.id}/answer`, { answer: 'yes' });
  expect(answered.status, answered.text).toBe(200);
  for (let i = 0; i < 800; i++) {
    const d = (await api<TaskDetail>('GET', `/api/tasks/${asking.body.id}`)).body;
    if (d.executions.length === 2 && d.executions[1]!.state !== 'RUNNING') break;
    await new Promise((r) => setTimeout(r, 25));
  }
});

afterAll(async () => {
  await serving.stop();
  removeTempDirs();
});

describe('load', () => {
  it(`answers ${TOTAL} concurrent GET /api/tasks, every one 200 and complete`, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const before = connections;
    const port = serving.http.port;
    try {
      const answers: ApiResponse<unknown>[] = await Promise.all(
        Array.from({ length: TOTAL }, () =>
          rawRequest(port, {
            path: '/api/tasks',
            headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` },
            agent,
          }),
        ),
      );
      expect(answers).toHaveLength(TOTAL);
      const statuses = new Map<number, number>();
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL });
      for (const a of answers) {
        const page = a.body as TaskPage;
        expect(page.total).toBe(taskIds.length);
        expect(page.tasks.map((t) => t.id).sort()).toEqual([...taskIds].sort());
      }
      // Connections were kept alive and reused, not one per request.
      expect(connections - before).toBeLessThanOrEqual(50);
    } finally {
      agent.destroy();
    }
    const after = await api('GET', '/api/queue');
    expect(after.status).toBe(200);
  });
});

describe('the server log', () => {
  it('never contains the API token or an agent token', async () => {
    // Tempt it: the token in a query, in a path, and wrong tokens in the header.
    await api('GET', `/api/tasks?token=${token}`);
    await api('GET', `/api/${token}`);
    await api('GET', '/api/tasks', undefined, { token: `${token}0` });
    await api('GET', '/api/tasks', undefined, { token: token.toUpperCase() });
    await rawRequest(serving.http.port, {
      path: `/api/tasks/${token}`,
      headers: { host: `evil.example`, authorization: `Bearer ${token}` },
    });

    // The log was ours and was written to (else this check would prove nothing).
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).toMatch(/missing; cloning/);
    const text = logged.join('\n');
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain(token.toLowerCase());
    const executions = taskIds.flatMap((id) => serving.engine.store.executions.forTask(id));
    expect(executions.length).toBeGreaterThan(taskIds.length);
    for (const e of executions) {
      const agentSecret = agentToken(token, e.id);
      expect(text).not.toContain(agentSecret.split('.').at(-1)!);
    }
  });
});
