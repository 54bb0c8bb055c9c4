import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenario, type FakeStep } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { logSubjects, makeWorkingCopy, removeTempDirs } from '../support/git-repos';

let h: Harness;
let project: string;
beforeEach(async () => {
  h = await startHarness({ maxConcurrency: 3 });
  project = makeWorkingCopy();
});
afterEach(async () => {
  await h.close();
  removeTempDirs();
});

/**
 * A bash step that creates a subtask through the local API the way the
 * preamble tells agents to (env URL, token and task id), printing the reply.
 */
function createSubtaskStep(name: string, steps: FakeStep[]): FakeStep {
  const body = Buffer.from(
    JSON.stringify({ name, instructions: withScenario(name, scenario(steps)) }),
  ).toString('base64');
  const script = [
    "const b = JSON.parse(Buffer.from(process.argv[1], 'base64').toString());",
    'b.parentId = process.env.CLAUDOMATOR_TASK_ID;',
    "fetch(process.env.CLAUDOMATOR_API_URL + '/api/tasks', { method: 'POST',",
    "  headers: { authorization: 'Bearer ' + process.env.CLAUDOMATOR_API_TOKEN,",
    "    'content-type': 'application/json' }, body: JSON.stringify(b) })",
    '  .then(async (r) => { console.log(r.status, await r.text()); if (r.status !== 201) process.exit(1); });',
  ].join(' ');
  return { bash: `node -e "${script}" ${body}` };
}

describe('subtasks created by the agent', () => {
  it('wait for the parent, run one after another in creation order, then complete it', async () => {
    const parent = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario(
        'plan',
        scenario([
          createSubtaskStep('first', [
            { sleep: 300 },
            { commit: { path: 'a.txt', content: 'a', message: 'first child' } },
          ]),
          createSubtaskStep('second', [
            { bash: 'test -f a.txt' },
            { commit: { path: 'b.txt', content: 'b', message: 'second child' } },
          ]),
          { commit: { path: 'p.txt', content: 'p', message: 'parent work' } },
        ]),
      ),
    });
    await h.waitFor(parent.id, 'WAITING');
    const children = (await h.call('tasks.get', { id: parent.id })).subtasks;
    expect(children.map((c) => c.name)).toEqual(['first', 'second']);
    const [first, second] = children;
    const history = h.serving.engine.store.tasks.history(second!.id);
    expect(history[0]!.to).toBe('PENDING');
    expect(history[0]!.actor).toBe('agent');

    await h.waitFor(parent.id, 'COMPLETED');
    // The second child started only after the first finished.
    const firstDone = h.serving.engine.store.tasks.history(first!.id).at(-1)!.at;
    const secondRun = h.serving.engine.store.tasks
      .history(second!.id)
      .find((e) => e.to === 'RUNNING')!.at;
    expect(secondRun >= firstDone).toBe(true);
    // All work of the tree lands on the root task's branch, in order.
    expect(logSubjects(project, `claudomator/${parent.id}`).slice(-3)).toEqual([
      'parent work',
      'first child',
      'second child',
    ]);
    const parentHistory = h.serving.engine.store.tasks.history(parent.id).map((e) => e.to);
    expect(parentHistory.slice(-2)).toEqual(['WAITING', 'COMPLETED']);
  });

  it('fail the parent, naming the child, when one fails; the rest are cancelled', async () => {
    const parent = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario(
        'plan',
        scenario([
          createSubtaskStep('broken', [{ fail: { stderr: 'boom', code: 2 } }]),
          createSubtaskStep('never', []),
        ]),
      ),
    });
    const failed = await h.waitFor(parent.id, 'FAILED');
    const [broken, never] = (await h.call('tasks.get', { id: parent.id })).subtasks;
    expect(failed.error).toContain(`subtask "broken" (${broken!.id}) ended FAILED`);
    expect(never!.state).toBe('CANCELLED');
    expect(h.invocations()).toHaveLength(2);
  });

  it('a subtask of a parent that is not running is queued at once', async () => {
    const parent = await h.call('tasks.create', { projectPath: project, instructions: 'x' });
    await h.waitFor(parent.id, 'COMPLETED');
    const child = await h.call('tasks.create', { parentId: parent.id, instructions: 'later' });
    expect(child.state).toBe('QUEUED');
    expect(child.projectId).toBe(parent.projectId);
    await h.waitFor(child.id, 'COMPLETED');
  });
});
