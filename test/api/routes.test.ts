// Every REST route against the real server: status codes, shapes and effects.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage, TaskPage } from '../../src-shared/contract';
import type {
  Execution,
  LogChunk,
  Project,
  QueueState,
  Settings,
  Task,
  TaskDetail,
} from '../../src-shared/domain';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { git, makeTempDir, makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import { apiClient, expectError, pollTask, rawRequest, type ApiCall } from './http-client';

let h: Harness;
let api: ApiCall;
let port: number;

beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h.serving.http.url, h.serving.engine.token);
  port = h.serving.http.port;
});

afterAll(async () => {
  await h.close();
  removeTempDirs();
});

async function addProject(dir: string, name?: string): Promise<Project> {
  const res = await api<Project>(
    'POST',
    '/api/projects',
    name ? { path: dir, name } : { path: dir },
  );
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function createTask(body: Record<string, unknown>): Promise<Task> {
  const res = await api<Task>('POST', '/api/tasks', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function listProjects(): Promise<Project[]> {
  const res = await api<Project[]>('GET', '/api/projects');
  expect(res.status).toBe(200);
  return res.body;
}

/** Everything about a working copy that a task deletion must leave alone. */
function snapshot(dir: string): string {
  const files = execFileSync(
    'find',
    ['.', '-path', './.git', '-prune', '-o', '-type', 'f', '-print'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .sort()
    .map((f) => (f ? `${f} ${fs.readFileSync(path.join(dir, f), 'utf8')}` : ''));
  return [
    git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'),
    git(dir, 'symbolic-ref', 'HEAD'),
    git(dir, 'status', '--porcelain'),
    ...files,
  ].join('\n');
}

describe('projects', () => {
  let folder: string;
  let added: Project;

  beforeAll(() => {
    folder = path.join(makeTempDir(), 'my-folder');
    makeWorkingCopy({ dir: folder });
  });

  it('POST adds a folder (201), named after the folder by default', async () => {
    added = await addProject(folder);
    expect(added.name).toBe('my-folder');
    expect(added.path).toBe(fs.realpathSync(folder));
    expect(added.id).toMatch(/^[A-Za-z0-9-]+$/);
    const named = await addProject(makeWorkingCopy(), 'Custom name');
    expect(named.name).toBe('Custom name');
  });

  it('GET lists the added projects', async () => {
    const list = await listProjects();
    expect(list.map((p) => p.id)).toContain(added.id);
    expect(list.find((p) => p.id === added.id)).toEqual(added);
  });

  it('adding the same folder again is a 409, however the path is spelt', async () => {
    const count = (await listProjects()).length;
    const link = path.join(makeTempDir(), 'link');
    fs.symlinkSync(folder, link);
    for (const spelling of [folder, `${folder}/`, `${folder}/.`, link]) {
      const res = await api('POST', '/api/projects', { path: spelling });
      expect(res.status, spelling).toBe(409);
      expect(expectError(res, 409, 'conflict').message).toMatch(/already/);
    }
    expect(await listProjects()).toHaveLength(count);
  });

  it('a folder that does not exist is a 400 naming it', async () => {
    const missing = path.join(makeTempDir(), 'not-here');
    const res = await api('POST', '/api/projects', { path: missing });
    const error = expectError(res, 400, 'invalid_request');
    expect(error.message).toContain(missing);
    expect(error.message).toMatch(/does not exist/);
  });

  it('a file is a 400: it must be a folder', async () => {
    const file = path.join(makeTempDir(), 'plain.txt');
    fs.writeFileSync(file, 'x');
    const error = expectError(
      await api('POST', '/api/projects', { path: file }),
      400,
      'invalid_request',
    );
    expect(error.message).toMatch(/not a folder/);
  });

  it('DELETE refuses a project with tasks (409), removes one without (200), 404s the unknown', async () => {
    const busy = await addProject(makeWorkingCopy());
    const task = await createTask({ projectId: busy.id, instructions: 'keep me' });
    const refused = await api('DELETE', `/api/projects/${busy.id}`);
    expect(expectError(refused, 409, 'conflict').message).toMatch(/task/);
    expect((await listProjects()).map((p) => p.id)).toContain(busy.id);
    await pollTask(api, task.id, 'COMPLETED');

    const idle = await addProject(makeWorkingCopy());
    const removed = await api('DELETE', `/api/projects/${idle.id}`);
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toEqual({ ok: true });
    expect((await listProjects()).map((p) => p.id)).not.toContain(idle.id);
    expectError(await api('DELETE', `/api/projects/${idle.id}`), 404, 'not_found');
    expectError(await api('DELETE', '/api/projects/no-such-project'), 404, 'not_found');
  });
});

describe('tasks', () => {
  const MULTIBYTE = 'héllo wörld — ünïcödé 🎉 ';
  let project: Project;
  let projectDir: string;
  let done: TaskDetail;
  let doneExec: Execution;
  let blocked: Task;

  beforeAll(async () => {
    projectDir = makeWorkingCopy();
    project = await addProject(projectDir);
    const a = await createTask({
      projectId: project.id,
      instructions: withScenario(
        'work',
        scenario([
          { text: MULTIBYTE.repeat(30) },
          { commit: { path: 'api.txt', content: 'from the api', message: 'api commit' } },
          { stderr: 'a line on stderr' },
          { summary: 'Did it.' },
        ]),
      ),
    });
    const b = await createTask({
      projectId: project.id,
      instructions: withScenario(
        'ask',
        scenario([{ ask: { text: 'Which one?', options: ['x'] } }]),
      ),
    });
    done = await pollTask(api, a.id, 'COMPLETED');
    doneExec = done.executions[0]!;
    blocked = (await pollTask(api, b.id, 'BLOCKED')).task;
  });

  it('POST with the path of a folder never added adds it, and answers 201 QUEUED', async () => {
    const dir = path.join(makeTempDir(), 'fresh-folder');
    makeWorkingCopy({ dir });
    const before = await listProjects();
    const task = await createTask({ projectPath: dir, instructions: 'first task here' });
    expect(task.state).toBe('QUEUED');
    const after = await listProjects();
    expect(after).toHaveLength(before.length + 1);
    const auto = after.find((p) => p.path === fs.realpathSync(dir));
    expect(auto).toBeDefined();
    expect(auto!.name).toBe('fresh-folder');
    expect(task.projectId).toBe(auto!.id);
    // A second task there reuses the project.
    const second = await createTask({ projectPath: `${dir}/`, instructions: 'second' });
    expect(second.projectId).toBe(auto!.id);
    expect(await listProjects()).toHaveLength(after.length);
    await pollTask(api, task.id, 'COMPLETED');
    await pollTask(api, second.id, 'COMPLETED');
  });

  it('GET /api/tasks filters by state and project', async () => {
    const setOne = await api<Settings>('PATCH', '/api/settings', { maxConcurrency: 1 });
    expect(setOne.status, setOne.text).toBe(200);
    const other = await addProject(makeWorkingCopy());
    const sleeper = await createTask({
      projectId: other.id,
      instructions: withScenario('hold the slot', scenario([{ sleep: 10_000 }])),
    });
    await pollTask(api, sleeper.id, 'RUNNING');
    const a1 = await createTask({ projectId: project.id, instructions: 'queued a1' });
    const a2 = await createTask({ projectId: project.id, instructions: 'queued a2' });
    const b1 = await createTask({ projectId: other.id, instructions: 'queued b1' });

    const both = await api<TaskPage>(
      'GET',
      `/api/tasks?state=QUEUED&projectId=${encodeURIComponent(project.id)}`,
    );
    expect(both.status, both.text).toBe(200);
    expect(both.body.tasks.map((t) => t.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(both.body.total).toBe(2);

    const queued = (await api<TaskPage>('GET', '/api/tasks?state=QUEUED')).body;
    expect(queued.tasks.map((t) => t.id).sort()).toEqual([a1.id, a2.id, b1.id].sort());
    expect(queued.tasks.every((t) => t.state === 'QUEUED')).toBe(true);

    const ofOther = (await api<TaskPage>('GET', `/api/tasks?projectId=${other.id}`)).body;
    expect(ofOther.tasks.map((t) => t.id).sort()).toEqual([sleeper.id, b1.id].sort());

    const running = (await api<TaskPage>('GET', '/api/tasks?state=RUNNING')).body;
    expect(running.tasks.map((t) => t.id)).toEqual([sleeper.id]);

    const queue = (await api<QueueState>('GET', '/api/queue')).body;
    expect(queue).toMatchObject({ running: 1, queued: 3, blocked: 1, maxConcurrency: 1 });

    // Cancel everything again: queued ones at once, the running one by stopping its agent.
    for (const t of [a1, a2, b1]) {
      const res = await api<Task>('POST', `/api/tasks/${t.id}/cancel`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.state).toBe('CANCELLED');
    }
    const retried = await api<Task>('POST', `/api/tasks/${a1.id}/retry`);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.state).toBe('QUEUED');
    expect((await api<Task>('POST', `/api/tasks/${a1.id}/cancel`)).body.state).toBe('CANCELLED');
    const stop = await api('POST', `/api/tasks/${sleeper.id}/cancel`);
    expect(stop.status, stop.text).toBe(200);
    await pollTask(api, sleeper.id, 'CANCELLED');
    expect((await api('PATCH', '/api/settings', { maxConcurrency: 2 })).status).toBe(200);
  });

  it('GET /api/tasks pages with limit and offset', async () => {
    const all = (await api<TaskPage>('GET', '/api/tasks')).body;
    expect(all.total).toBeGreaterThan(2);
    const page = (await api<TaskPage>('GET', '/api/tasks?limit=1&offset=1')).body;
    expect(page.total).toBe(all.total);
    expect(page.tasks.map((t) => t.id)).toEqual([all.tasks[1]!.id]);
  });

  it('GET /api/tasks refuses bad query parameters with 400', async () => {
    const bad: [string, RegExp][] = [
      ['limit=abc', /limit/],
      ['limit=0', /limit/],
      ['offset=-1', /offset/],
      ['limit=1.5', /limit/],
      ['state=NOPE', /state/],
      ['colour=red', /colour/],
      ['state=QUEUED&state=RUNNING', /state/],
    ];
    for (const [query, names] of bad) {
      const res = await api('GET', `/api/tasks?${query}`);
      expect(res.status, query).toBe(400);
      expect(expectError(res, 400, 'invalid_request').message).toMatch(names);
    }
  });

  it('GET /api/tasks/:id returns the task with its executions, subtasks, history and questions', async () => {
    const res = await api<TaskDetail>('GET', `/api/tasks/${done.task.id}`);
    expect(res.status).toBe(200);
    const detail = res.body;
    expect(Object.keys(detail).sort()).toEqual([
      'executions',
      'history',
      'questions',
      'subtasks',
      'task',
    ]);
    expect(detail.task).toMatchObject({
      id: done.task.id,
      projectId: project.id,
      state: 'COMPLETED',
      summary: 'Did it.',
      landedBranch: `claudomator/${done.task.id}`,
    });
    expect(detail.executions).toHaveLength(1);
    const e = detail.executions[0]!;
    expect(e.taskId).toBe(done.task.id);
    expect(e.state).toBe('COMPLETED');
    expect(typeof e.sessionId).toBe('string');
    expect(e.sessionId.length).toBeGreaterThan(0);
    expect(typeof e.sandboxDir).toBe('string');
    expect(e.exitCode).toBe(0);
    expect(e.costUsd).toBeCloseTo(0.01);
    expect(e.error).toBeNull();
    expect(e.summary).toBe('Did it.');
    expect(e.commits).toEqual([
      { hash: git(projectDir, 'rev-parse', `claudomator/${done.task.id}`), subject: 'api commit' },
    ]);
    expect(detail.subtasks).toEqual([]);
    expect(detail.questions).toEqual([]);
    expect(detail.history.map((x) => x.to)).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);

    const ask = (await api<TaskDetail>('GET', `/api/tasks/${blocked.id}`)).body;
    expect(ask.task.state).toBe('BLOCKED');
    expect(ask.task.question).toEqual({ text: 'Which one?', options: ['x'] });
    expect(ask.questions).toMatchObject([{ question: { text: 'Which one?' }, answer: null }]);
  });

  it('an unknown task or execution id is a 404 on every route', async () => {
    expectError(await api('GET', '/api/tasks/no-such-task'), 404, 'not_found');
    expectError(await api('DELETE', '/api/tasks/no-such-task'), 404, 'not_found');
    expectError(
      await api('POST', '/api/tasks/no-such-task/answer', { answer: 'x' }),
      404,
      'not_found',
    );
    expectError(await api('POST', '/api/tasks/no-such-task/cancel'), 404, 'not_found');
    expectError(await api('POST', '/api/tasks/no-such-task/retry'), 404, 'not_found');
    expectError(await api('GET', '/api/executions/no-such-exec/log'), 404, 'not_found');
    expectError(await api('GET', '/api/executions/no-such-exec/events'), 404, 'not_found');
  });

  it('ids that look like paths are refused (400/404) and never read a file', async () => {
    const paths = [
      '/api/tasks/..',
      '/api/tasks/%2e%2e',
      '/api/tasks/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/api/tasks/..%2F..%2F..%2Fetc%2Fpasswd',
      '/api/tasks/%2Fetc%2Fpasswd',
      '/api/tasks//etc/passwd',
      '/api/executions/..%2F..%2F..%2Fetc%2Fpasswd/log?stream=stdout',
      '/api/executions/%2Fetc%2Fpasswd/log?stream=stdout',
      '/api/executions/%2e%2e/log?stream=stdout',
      `/api/executions/${encodeURIComponent(doneExec.stdoutPath)}/log?stream=stdout`,
      `/api/executions/..%2F${doneExec.id}/log?stream=stdout`,
      `/api/executions/${doneExec.id}%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd/events`,
      `/api/executions/${doneExec.id}/log?stream=..%2F..%2F..%2Fetc%2Fpasswd`,
    ];
    const stdout = fs.readFileSync(doneExec.stdoutPath, 'utf8');
    for (const p of paths) {
      const res = await rawRequest(port, {
        path: p,
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: `Bearer ${h.serving.engine.token}`,
        },
      });
      expect([400, 404], `${p} → ${res.status} ${res.text}`).toContain(res.status);
      expect(res.text).not.toMatch(/root:.*:0:0:/);
      expect(res.text).not.toContain(stdout.slice(0, 40));
    }
  });

  it('answering a task that is not BLOCKED is a 409; an empty answer is a 400', async () => {
    const res = await api('POST', `/api/tasks/${done.task.id}/answer`, { answer: 'yes' });
    expect(expectError(res, 409, 'conflict').message).toMatch(/COMPLETED/);
    const empty = await api('POST', `/api/tasks/${blocked.id}/answer`, { answer: '   ' });
    expectError(empty, 400, 'invalid_request');
    expectError(await api('POST', `/api/tasks/${blocked.id}/answer`, {}), 400, 'invalid_request');
    expect((await api<TaskDetail>('GET', `/api/tasks/${blocked.id}`)).body.task.state).toBe(
      'BLOCKED',
    );
  });

  it('retry and cancel of a COMPLETED task are 409s', async () => {
    expectError(await api('POST', `/api/tasks/${done.task.id}/retry`), 409, 'conflict');
    expectError(await api('POST', `/api/tasks/${done.task.id}/cancel`), 409, 'conflict');
    expect((await api<TaskDetail>('GET', `/api/tasks/${done.task.id}`)).body.task.state).toBe(
      'COMPLETED',
    );
  });

  it('GET /api/queue counts tasks by state', async () => {
    const res = await api<QueueState>('GET', '/api/queue');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      running: 0,
      queued: 0,
      blocked: 1,
      rateLimited: 0,
      maxConcurrency: 2,
      pausedUntil: null,
      pauseReason: null,
    });
  });

  it('GET /api/executions/:id/log pages through stdout.log exactly, by byte offsets', async () => {
    const file = fs.readFileSync(doneExec.stdoutPath);
    expect(file.toString('utf8')).toContain('🎉');
    let offset = 0;
    let text = '';
    let pages = 0;
    for (;;) {
      const res = await api<LogChunk>(
        'GET',
        `/api/executions/${doneExec.id}/log?stream=stdout&offset=${offset}&limit=61`,
      );
      expect(res.status, res.text).toBe(200);
      const chunk = res.body;
      expect(Object.keys(chunk).sort()).toEqual(
        ['data', 'encoding', 'eof', 'nextOffset', 'offset', 'size'].sort(),
      );
      expect(chunk.offset).toBe(offset);
      expect(chunk.size).toBe(file.length);
      expect(Buffer.byteLength(chunk.data)).toBe(chunk.nextOffset - chunk.offset);
      expect(chunk.nextOffset).toBeLessThanOrEqual(offset + 61);
      text += chunk.data;
      pages++;
      if (chunk.eof) {
        expect(chunk.nextOffset).toBe(file.length);
        break;
      }
      expect(chunk.nextOffset).toBeGreaterThan(offset);
      offset = chunk.nextOffset;
    }
    expect(pages).toBeGreaterThan(10);
    expect(text).toBe(file.toString('utf8'));

    const whole = (await api<LogChunk>('GET', `/api/executions/${doneExec.id}/log`)).body;
    expect(whole.data).toBe(file.toString('utf8'));
    expect(whole.eof).toBe(true);
    const end = (
      await api<LogChunk>('GET', `/api/executions/${doneExec.id}/log?offset=${file.length}`)
    ).body;
    expect(end).toMatchObject({ data: '', offset: file.length, eof: true });
    const raw = (
      await api<LogChunk>(
        'GET',
        `/api/executions/${doneExec.id}/log?stream=stdout&offset=7&limit=13&encoding=base64`,
      )
    ).body;
    expect(Buffer.from(raw.data, 'base64')).toEqual(file.subarray(7, 20));
  });

  it('log pages make progress even when limit is smaller than the next character', async () => {
    // limit may be as small as 1; a 4-byte emoji then never fits a page.
    const file = fs.readFileSync(doneExec.stdoutPath);
    const start = file.indexOf(Buffer.from('🎉'));
    expect(start).toBeGreaterThan(0);
    for (const limit of [1, 3]) {
      let offset = start;
      let text = '';
      for (let i = 0; i < 200 && offset < start + 40; i++) {
        const res = await api<LogChunk>(
          'GET',
          `/api/executions/${doneExec.id}/log?stream=stdout&offset=${offset}&limit=${limit}`,
        );
        expect(res.status, res.text).toBe(200);
        expect(
          res.body.nextOffset,
          `limit=${limit} at offset ${offset}: ${res.text} (a client paging by nextOffset loops forever)`,
        ).toBeGreaterThan(offset);
        text += res.body.data;
        offset = res.body.nextOffset;
      }
      expect(text).toBe(file.subarray(start, offset).toString('utf8'));
    }
  });

  it('reads the stderr stream too, and refuses an unknown stream with 400', async () => {
    const stderr = fs.readFileSync(doneExec.stderrPath, 'utf8');
    expect(stderr).toContain('a line on stderr');
    const res = await api<LogChunk>('GET', `/api/executions/${doneExec.id}/log?stream=stderr`);
    expect(res.status).toBe(200);
    expect(res.body.data).toBe(stderr);
    const bogus = await api('GET', `/api/executions/${doneExec.id}/log?stream=bogus`);
    expect(expectError(bogus, 400, 'invalid_request').message).toMatch(/stream/);
    expectError(
      await api('GET', `/api/executions/${doneExec.id}/log?offset=abc`),
      400,
      'invalid_request',
    );
  });

  it('GET /api/executions/:id/events returns the parsed stream-json lines in seq order', async () => {
    const file = fs.readFileSync(doneExec.stdoutPath);
    const lines = file
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
    const res = await api<EventPage>('GET', `/api/executions/${doneExec.id}/events`);
    expect(res.status, res.text).toBe(200);
    const { events, lastSeq } = res.body;
    expect(events.length).toBe(lines.length);
    expect(events.map((e) => e.data)).toEqual(lines.map((l) => JSON.parse(l) as unknown));
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      expect(e.executionId).toBe(doneExec.id);
      if (i > 0) expect(e.seq).toBeGreaterThan(events[i - 1]!.seq);
      expect(e.type).toBe((e.data as { type: string }).type);
      expect(file.subarray(e.offset, e.offset + e.length).toString('utf8')).toBe(lines[i]);
    }
    expect(lastSeq).toBe(events.at(-1)!.seq);
    expect(events.map((e) => e.type)).toContain('result');
    const text = events.find(
      (e) =>
        e.type === 'assistant' &&
        JSON.stringify(e.data).includes('ünïcödé') &&
        JSON.stringify(e.data).includes('🎉'),
    );
    expect(text).toBeDefined();

    const after = events[1]!.seq;
    const page = (
      await api<EventPage>('GET', `/api/executions/${doneExec.id}/events?afterSeq=${after}&limit=2`)
    ).body;
    expect(page.events.map((e) => e.seq)).toEqual([events[2]!.seq, events[3]!.seq]);
    expectError(
      await api('GET', `/api/executions/${doneExec.id}/events?afterSeq=x`),
      400,
      'invalid_request',
    );
  });

  it('DELETE removes the task and its logs (then 404) and leaves the project folder alone', async () => {
    const dir = makeWorkingCopy();
    const task = await createTask({
      projectPath: dir,
      instructions: withScenario(
        'to delete',
        scenario([{ commit: { path: 'gone.txt', content: 'g', message: 'doomed work' } }]),
      ),
    });
    const detail = await pollTask(api, task.id, 'COMPLETED');
    const exec = detail.executions[0]!;
    expect(fs.existsSync(exec.artifactDir)).toBe(true);
    expect(exec.artifactDir.startsWith(h.dataDir)).toBe(true);
    const before = snapshot(dir);

    const res = await api('DELETE', `/api/tasks/${task.id}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expectError(await api('GET', `/api/tasks/${task.id}`), 404, 'not_found');
    expectError(await api('GET', `/api/executions/${exec.id}/log`), 404, 'not_found');
    expectError(await api('DELETE', `/api/tasks/${task.id}`), 404, 'not_found');
    expect(fs.existsSync(exec.artifactDir)).toBe(false);
    expect(fs.existsSync(dir)).toBe(true);
    expect(snapshot(dir)).toBe(before);
    const list = (await api<TaskPage>('GET', '/api/tasks')).body;
    expect(list.tasks.map((t) => t.id)).not.toContain(task.id);
  });
});

describe('deleting a BLOCKED task', () => {
  it('removes its preserved sandbox and its logs', async () => {
    const blocked = (await api<TaskPage>('GET', '/api/tasks?state=BLOCKED&limit=1')).body.tasks[0]!;
    const detail = (await api<TaskDetail>('GET', `/api/tasks/${blocked.id}`)).body;
    const sandbox = detail.task.sandboxDir!;
    expect(fs.existsSync(sandbox)).toBe(true);
    const res = await api('DELETE', `/api/tasks/${blocked.id}`);
    expect(res.status, res.text).toBe(200);
    expect(fs.existsSync(sandbox)).toBe(false);
    expect(fs.existsSync(detail.executions[0]!.artifactDir)).toBe(false);
    expect((await api<QueueState>('GET', '/api/queue')).body.blocked).toBe(0);
  });
});

describe('settings', () => {
  it('PATCH {maxConcurrency: 3} answers 200 and GET shows it', async () => {
    const res = await api<Settings>('PATCH', '/api/settings', { maxConcurrency: 3 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.maxConcurrency).toBe(3);
    const got = await api<Settings>('GET', '/api/settings');
    expect(got.status).toBe(200);
    expect(got.body.maxConcurrency).toBe(3);
    expect((await api<QueueState>('GET', '/api/queue')).body.maxConcurrency).toBe(3);
  });

  it('PATCH with an unknown key or a bad value is a 400 and changes nothing', async () => {
    const before = (await api<Settings>('GET', '/api/settings')).body;
    const unknown = await api('PATCH', '/api/settings', { maxConcurency: 5 });
    expect(expectError(unknown, 400, 'invalid_request').message).toContain('maxConcurency');
    const mixed = await api('PATCH', '/api/settings', { maxConcurrency: 5, colour: 'red' });
    expectError(mixed, 400, 'invalid_request');
    expectError(await api('PATCH', '/api/settings', { maxConcurrency: 0 }), 400, 'invalid_request');
    expectError(
      await api('PATCH', '/api/settings', { maxConcurrency: '4' }),
      400,
      'invalid_request',
    );
    expect((await api<Settings>('GET', '/api/settings')).body).toEqual(before);
  });
});

describe('methods and paths', () => {
  it('a wrong method on a known path is an error, and does nothing', async () => {
    const settings = (await api<Settings>('GET', '/api/settings')).body;
    const projects = await listProjects();
    const cases: [string, string, unknown?][] = [
      ['PUT', '/api/tasks', { instructions: 'x' }],
      ['PATCH', '/api/tasks', {}],
      ['DELETE', '/api/tasks'],
      ['DELETE', '/api/settings'],
      ['POST', '/api/settings', { maxConcurrency: 7 }],
      ['PUT', '/api/settings', { maxConcurrency: 7 }],
      ['POST', '/api/health'],
      ['DELETE', '/api/projects'],
      ['GET', `/api/projects/${projects[0]!.id}`],
      ['POST', `/api/projects/${projects[0]!.id}`],
      ['GET', '/api/tasks/abc/answer'],
      ['DELETE', '/api/queue'],
    ];
    for (const [method, route, body] of cases) {
      const res = await api(method, route, body);
      expect(res.status, `${method} ${route}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${route}`).toBeLessThan(500);
      expect((res.body as { error: { code: string } }).error.code).toBeDefined();
    }
    expect((await api<Settings>('GET', '/api/settings')).body).toEqual(settings);
    expect(await listProjects()).toEqual(projects);
  });

  it('an unknown path is a 404', async () => {
    for (const route of [
      '/api/nope',
      '/api',
      '/api/',
      '/api/tasks/',
      '/api/tasks/abc/nope',
      '/api/executions/abc',
    ]) {
      const res = await api('GET', route);
      expect(res.status, route).toBe(404);
      expectError(res, 404, 'not_found');
    }
  });
});
