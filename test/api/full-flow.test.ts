// The whole life of tasks driven over HTTP alone, the way a person with curl would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, QueueState, Task, TaskDetail } from '../../src-shared/domain';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { git, logSubjects, makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import { apiClient, pollTask, type ApiCall } from './http-client';

let h: Harness;
let api: ApiCall;
let dir: string;
let project: Project;

beforeAll(async () => {
  h = await startHarness();
  api = apiClient(h.serving.http.url, h.serving.engine.token);
  dir = makeWorkingCopy({ branch: 'main' });
});

afterAll(async () => {
  await h.close();
  removeTempDirs();
});

describe('over HTTP only', () => {
  it('adds a project and runs a task whose commit lands on claudomator/<taskId>', async () => {
    const added = await api<Project>('POST', '/api/projects', { path: dir });
    expect(added.status, added.text).toBe(201);
    project = added.body;
    const mainBefore = git(dir, 'rev-parse', 'main');

    const created = await api<Task>('POST', '/api/tasks', {
      projectId: project.id,
      name: 'add a greeting',
      instructions: withScenario(
        'Add hello.txt',
        scenario([{ commit: { path: 'hello.txt', content: 'hello\n', message: 'add hello.txt' } }]),
      ),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.state).toBe('QUEUED');
    expect(created.body.name).toBe('add a greeting');
    const id = created.body.id;

    const detail = await pollTask(api, id, 'COMPLETED');
    const [exec] = detail.executions;
    expect(exec!.state).toBe('COMPLETED');
    expect(exec!.commits).toHaveLength(1);
    expect(exec!.commits[0]!.subject).toBe('add hello.txt');
    expect(detail.task.landedBranch).toBe(`claudomator/${id}`);

    // The commit is on the task's branch in the working copy; the user's branch has not moved.
    expect(git(dir, 'rev-parse', `claudomator/${id}`)).toBe(exec!.commits[0]!.hash);
    expect(git(dir, 'show', `claudomator/${id}:hello.txt`)).toBe('hello');
    expect(logSubjects(dir, `claudomator/${id}`)).toEqual(['commit 1', 'add hello.txt']);
    expect(git(dir, 'rev-parse', 'main')).toBe(mainBefore);
  });

  it('a task that asks is BLOCKED with its question, and completes once answered', async () => {
    const created = await api<Task>('POST', '/api/tasks', {
      projectId: project.id,
      instructions: withScenario(
        'Pick a colour and write it down',
        scenario([{ ask: { text: 'Which colour?', options: ['red', 'blue'] } }], {
          onResume: [
            {
              bash: 'printf "%s" "$FAKE_ANSWER" > colour.txt && git add -A && git commit -qm colour',
            },
          ],
        }),
      ),
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;

    const blocked = await pollTask(api, id, 'BLOCKED');
    expect(blocked.task.question).toEqual({ text: 'Which colour?', options: ['red', 'blue'] });
    expect(blocked.questions).toHaveLength(1);
    expect(blocked.questions[0]).toMatchObject({
      question: { text: 'Which colour?', options: ['red', 'blue'] },
      answer: null,
    });
    const queue = await api<QueueState>('GET', '/api/queue');
    expect(queue.body.blocked).toBe(1);

    const answered = await api<Task>('POST', `/api/tasks/${id}/answer`, { answer: 'blue' });
    expect(answered.status, answered.text).toBe(200);
    expect(answered.body.state).toBe('QUEUED');
    expect(answered.body.question).toBeNull();

    const done = await pollTask(api, id, 'COMPLETED');
    expect(done.executions.map((e) => e.kind)).toEqual(['fresh', 'resume']);
    expect(done.questions[0]!.answer).toBe('blue');
    expect(done.history.map((e) => e.to)).toEqual([
      'QUEUED',
      'RUNNING',
      'BLOCKED',
      'QUEUED',
      'RUNNING',
      'COMPLETED',
    ]);
    expect(git(dir, 'show', `claudomator/${id}:colour.txt`)).toBe('blue');
    const after = await api<TaskDetail>('GET', `/api/tasks/${id}`);
    expect(after.body.task.question).toBeNull();
    expect((await api<QueueState>('GET', '/api/queue')).body.blocked).toBe(0);
  });
});
