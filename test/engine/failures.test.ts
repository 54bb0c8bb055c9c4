import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeTempDir, makeWorkingCopy, removeTempDirs } from '../support/git-repos';

let h: Harness;
let project: string;
beforeEach(async () => {
  h = await startHarness({ backoffBaseMs: 300 });
  project = makeWorkingCopy();
});
afterEach(async () => {
  await h.close();
  removeTempDirs();
});

const argAfter = (argv: string[], flag: string): string | undefined => argv[argv.indexOf(flag) + 1];

async function create(steps: Parameters<typeof scenario>[0], agent = {}) {
  return h.call('tasks.create', {
    projectPath: project,
    instructions: withScenario('task', scenario(steps)),
    agent,
  });
}

describe('rate limits', () => {
  it('waits visibly, then resumes the same session (never reusing --session-id)', async () => {
    const task = await create([
      { commit: { path: 'before.txt', content: 'b', message: 'before limit' } },
      { rateLimit: { times: 1 } },
      { commit: { path: 'after.txt', content: 'a', message: 'after limit' } },
    ]);
    const waiting = await h.waitFor(task.id, 'RATE_LIMITED');
    expect(waiting.retryAt).not.toBeNull();
    expect(waiting.rateLimitAttempts).toBe(1);
    expect((await h.call('queue.state', {})).rateLimited).toBe(1);
    await h.waitFor(task.id, 'COMPLETED');
    const [first, second] = h.invocations();
    const session = argAfter(first!.argv, '--session-id');
    expect(argAfter(second!.argv, '--resume')).toBe(session);
    expect(second!.argv).not.toContain('--session-id');
    expect(second!.cwd).toBe(first!.cwd);
    const detail = await h.call('tasks.get', { id: task.id });
    expect(detail.executions.map((e) => e.state)).toEqual(['RATE_LIMITED', 'COMPLETED']);
    // Work done before the limit was kept and landed with the rest.
    const landed = detail.executions[1]!.commits.map((c) => c.subject);
    expect(landed).toEqual(['before limit', 'after limit']);
  });

  it('gives up after three attempts with doubling waits', async () => {
    const task = await create([{ rateLimit: {} }]);
    const failed = await h.waitFor(task.id, 'FAILED');
    expect(failed.error).toMatch(/rate limited 3 times/);
    const waits = h.serving.engine.store.tasks
      .history(task.id)
      .filter((e) => e.to === 'RATE_LIMITED')
      .map((e) => e.reason);
    expect(waits).toEqual([
      expect.stringContaining('retry 2 of 3 in 0 s'),
      expect.stringContaining('retry 3 of 3 in 1 s'),
    ]);
    const runs = h.invocations();
    expect(runs).toHaveLength(3);
    const stamps = h.serving.engine.store.tasks
      .history(task.id)
      .filter((e) => e.to === 'RUNNING')
      .map((e) => Date.parse(e.at));
    // 300 ms, then 600 ms between attempts.
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(300);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(600);
  });

  it('treats a rejected rate_limit_event that resets soon as a rate limit', async () => {
    const resetsAt = Math.floor(Date.now() / 1000) + 10;
    const task = await create([{ rateLimitEvent: { status: 'rejected', resetsAt, times: 1 } }]);
    await h.waitFor(task.id, 'RATE_LIMITED');
    await h.waitFor(task.id, 'COMPLETED');
  });

  it('treats a rejection whose window resets hours away as spent quota', async () => {
    const resetsAt = Math.floor(Date.now() / 1000) + 3 * 3600;
    const task = await create([{ rateLimitEvent: { status: 'rejected', resetsAt, times: 1 } }]);
    await h.waitFor(task.id, (t) => t.state === 'QUEUED' && t.error !== null);
    expect(Date.parse((await h.call('queue.state', {})).pausedUntil!)).toBe(resetsAt * 1000);
  });
});

describe('quota exhaustion', () => {
  it('pauses the whole queue until the reset the CLI reported', async () => {
    await h.call('settings.set', { maxConcurrency: 1 });
    const resetsAt = Math.floor(Date.now() / 1000) + 4;
    const limited = await create([{ quota: { resetsAt, times: 1 } }]);
    const other = await create([{ text: 'other' }]);
    await h.waitFor(limited.id, (t) => t.state === 'QUEUED' && t.error !== null);
    const state = await h.call('queue.state', {});
    expect(Date.parse(state.pausedUntil!)).toBe(resetsAt * 1000);
    expect(state.pauseReason).toMatch(/usage limit reached/i);
    // Nothing is dispatched while paused: the other task stays queued.
    await new Promise((r) => setTimeout(r, 500));
    expect(h.serving.engine.store.tasks.get(other.id).state).toBe('QUEUED');
    expect(h.invocations()).toHaveLength(1);
    await h.waitFor(limited.id, 'COMPLETED');
    await h.waitFor(other.id, 'COMPLETED');
    // The quota-hit task carried on in its session.
    expect(h.invocations()[1]!.argv).toContain('--resume');
    expect((await h.call('queue.state', {})).pausedUntil).toBeNull();
  });
});

describe('quota without a reset time', () => {
  it('pauses for quotaPauseMinutes', async () => {
    await h.call('settings.set', { quotaPauseMinutes: 7 });
    const before = Date.now();
    const task = await create([{ quota: { resetsAt: 0, text: "You've hit your usage limit" } }]);
    await h.waitFor(task.id, (t) => t.state === 'QUEUED' && t.error !== null);
    const until = Date.parse((await h.call('queue.state', {})).pausedUntil!);
    expect(until - before).toBeGreaterThanOrEqual(7 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(7 * 60_000);
  });
});

describe('failures', () => {
  it('budget exceeded', async () => {
    const task = await create([{ budgetExceeded: true }], { maxBudgetUsd: 1 });
    const t = await h.waitFor(task.id, 'BUDGET_EXCEEDED');
    expect(t.error).toBeTruthy();
  });

  it('a non-zero exit keeps the sandbox and names the last 20 lines of stderr', async () => {
    const stderr = Array.from({ length: 30 }, (_, i) => `err line ${i + 1}`).join('\n');
    const task = await create([
      { commit: { path: 'w.txt', content: 'w', message: 'partial' } },
      { fail: { stderr, code: 3 } },
    ]);
    const t = await h.waitFor(task.id, 'FAILED');
    expect(t.error).toMatch(/exited with code 3/);
    expect(t.error).toContain('err line 30');
    expect(t.error).toContain('err line 11');
    expect(t.error).not.toContain('err line 10\n');
    expect(t.error).toContain(`sandbox kept at ${t.sandboxDir}`);
    expect(fs.existsSync(path.join(t.sandboxDir!, 'w.txt'))).toBe(true);
    expect((await h.call('tasks.get', { id: task.id })).executions[0]!.exitCode).toBe(3);
  });

  it('a result with is_error fails the task with its text', async () => {
    const task = await create([{ resultError: 'tool exploded' }]);
    const t = await h.waitFor(task.id, 'FAILED');
    expect(t.error).toMatch(/claude/);
  });

  it('a permission denial fails the task even though claude exits 0', async () => {
    const task = await create([{ permissionDenied: 'Bash' }], { permissionMode: 'default' });
    const t = await h.waitFor(task.id, 'FAILED');
    expect(t.error).toMatch(/permission denied/);
  });

  it('a missing project folder fails with a clear error', async () => {
    const gone = path.join(makeTempDir(), 'gone');
    fs.mkdirSync(gone);
    const task = await h.call('tasks.create', { projectPath: gone, instructions: 'x' });
    fs.rmSync(gone, { recursive: true });
    const t = await h.waitFor(task.id, 'FAILED');
    expect(t.error).toMatch(/does not exist/);
  });

  it('a missing or non-executable claude binary fails with a clear error', async () => {
    await h.call('settings.set', { claudeBin: '/nonexistent/claude' });
    const a = await create([]);
    expect((await h.waitFor(a.id, 'FAILED')).error).toMatch(
      /"\/nonexistent\/claude" was not found/,
    );
    const notExec = path.join(makeTempDir(), 'claude');
    fs.writeFileSync(notExec, '#!/bin/sh\n', { mode: 0o644 });
    await h.call('settings.set', { claudeBin: notExec });
    const b = await create([]);
    expect((await h.waitFor(b.id, 'FAILED')).error).toMatch(/is not executable/);
  });

  it('retry after a failure starts a fresh execution with a new session', async () => {
    const task = await create([{ fail: { code: 1 } }]);
    await h.waitFor(task.id, 'FAILED');
    await expect(h.call('tasks.retry', { id: task.id })).resolves.toMatchObject({
      state: 'QUEUED',
    });
    await h.waitFor(task.id, 'FAILED');
    const [a, b] = h.invocations();
    expect(argAfter(b!.argv, '--session-id')).not.toBe(argAfter(a!.argv, '--session-id'));
    expect(b!.argv).not.toContain('--resume');
    const detail = await h.call('tasks.get', { id: task.id });
    expect(detail.executions).toHaveLength(2);
    expect(detail.executions[1]!.kind).toBe('fresh');
  });

  it('an invalid question file still blocks, showing the raw text and the problem', async () => {
    const task = await create([{ askRaw: 'not json at all?' }]);
    const t = await h.waitFor(task.id, 'BLOCKED');
    expect(t.question!.text).toBe('not json at all?');
    expect(t.error).toMatch(/not valid JSON/);
  });
});
