import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenario, type FakeStep } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import { groupRunning, isRunning } from '../../src-main/core/runner/process-table';

let h: Harness;
let project: string;
beforeEach(async () => {
  h = await startHarness({ killGraceMs: 700 });
  project = makeWorkingCopy();
});
afterEach(async () => {
  await h.close();
  removeTempDirs();
});

const alive = isRunning;

async function create(steps: FakeStep[], extra: { priority?: number; timeout?: number } = {}) {
  return h.call('tasks.create', {
    projectPath: project,
    instructions: withScenario('task', scenario(steps)),
    ...(extra.priority !== undefined ? { priority: extra.priority } : {}),
    ...(extra.timeout ? { agent: { timeoutSeconds: extra.timeout } } : {}),
  });
}

async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) {
      return fs.readFileSync(file, 'utf8').trim();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${file} never appeared`);
}

async function runningAgent(taskId: string): Promise<{ agentPid: number; sandbox: string }> {
  const t = await h.waitFor(taskId, (x) => x.state === 'RUNNING' && x.sandboxDir !== null);
  const exec = h.serving.engine.store.executions.latestForTask(taskId)!;
  for (let i = 0; i < 200; i++) {
    const pid = h.serving.engine.store.executions.internals(exec.id).pid;
    if (pid) return { agentPid: pid, sandbox: t.sandboxDir! };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('agent never started');
}

describe('cancel and timeout', () => {
  it('cancel kills the whole process group, grandchildren included, and keeps the sandbox', async () => {
    const task = await create([
      { spawn: { pidFile: 'grandchild.pid', seconds: 300 } },
      { sleep: 60_000 },
    ]);
    const { agentPid, sandbox } = await runningAgent(task.id);
    const grandchild = Number(await waitForFile(path.join(sandbox, 'grandchild.pid')));
    expect(alive(grandchild)).toBe(true);
    const cancelled = await h.call('tasks.cancel', { id: task.id });
    expect(cancelled.state).toBe('CANCELLED');
    expect(alive(agentPid)).toBe(false);
    expect(alive(grandchild)).toBe(false);
    expect(groupRunning(agentPid)).toBe(false);
    expect(fs.existsSync(sandbox)).toBe(true);
    expect(cancelled.sandboxDir).toBe(sandbox);
  });

  it('escalates to SIGKILL when the agent ignores SIGTERM', async () => {
    const task = await create([{ ignoreSigterm: true }, { sleep: 60_000 }]);
    const { agentPid } = await runningAgent(task.id);
    await new Promise((r) => setTimeout(r, 300)); // let the handler install
    const started = Date.now();
    const cancelled = await h.call('tasks.cancel', { id: task.id });
    expect(cancelled.state).toBe('CANCELLED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(alive(agentPid)).toBe(false);
  });

  it('a task past its timeout is stopped as TIMED_OUT, its whole group gone', async () => {
    const task = await create(
      [{ spawn: { pidFile: 'g.pid', seconds: 300, holdStdout: true } }, { sleep: 60_000 }],
      { timeout: 3 },
    );
    const { agentPid, sandbox } = await runningAgent(task.id);
    const t = await h.waitFor(task.id, 'TIMED_OUT');
    expect(t.error).toMatch(/timeout/);
    expect(groupRunning(agentPid)).toBe(false);
    // Under heavy load the agent may not have reached its spawn step in time.
    const pidFile = path.join(sandbox, 'g.pid');
    if (fs.existsSync(pidFile)) expect(alive(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(fs.existsSync(sandbox)).toBe(true);
  });

  it('a queued task is cancelled without running; a finished one cannot be', async () => {
    await h.call('settings.set', { maxConcurrency: 1 });
    const blocker = await create([{ sleep: 60_000 }]);
    const queued = await create([]);
    await h.waitFor(blocker.id, 'RUNNING');
    while (h.invocations().length === 0) await new Promise((r) => setTimeout(r, 20));
    expect((await h.call('tasks.cancel', { id: queued.id })).state).toBe('CANCELLED');
    await h.call('tasks.cancel', { id: blocker.id });
    expect(h.invocations()).toHaveLength(1);
    await expect(h.call('tasks.cancel', { id: queued.id })).rejects.toThrow(/nothing to cancel/);
  });

  it('a task left running stops a task whose agent lingers after exit', async () => {
    // The agent exits but its grandchild holds stdout open: the run must still end.
    const task = await create([{ spawn: { pidFile: 'g.pid', seconds: 300, holdStdout: true } }]);
    const done = await h.waitFor(task.id, 'COMPLETED');
    expect(done.state).toBe('COMPLETED');
  });
});

describe('queue', () => {
  it('never runs more than the concurrency limit', async () => {
    await h.call('settings.set', { maxConcurrency: 2 });
    const tasks = await Promise.all([1, 2, 3, 4].map(() => create([{ sleep: 400 }])));
    let peak = 0;
    const off = h.serving.engine.bus.on('queue.state', (s) => {
      peak = Math.max(peak, s.running);
    });
    for (const t of tasks) await h.waitFor(t.id, 'COMPLETED');
    off();
    expect(peak).toBe(2);
  });

  it('dispatches by priority, then age', async () => {
    await h.call('settings.set', { maxConcurrency: 1 });
    const blocker = await create([{ sleep: 500 }]);
    await h.waitFor(blocker.id, 'RUNNING');
    const low = await create([], { priority: 0 });
    const high = await create([], { priority: 5 });
    const low2 = await create([], { priority: 0 });
    for (const t of [low, high, low2]) await h.waitFor(t.id, 'COMPLETED');
    const order = h
      .invocations()
      .slice(1)
      .map((i) => i.env.CLAUDOMATOR_TASK_ID);
    expect(order).toEqual([high.id, low.id, low2.id]);
  });
});
