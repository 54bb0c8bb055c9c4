import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import {
  commitFile,
  git,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
} from '../support/git-repos';
import { FAKE_CLAUDE_BIN } from '../support/fake-claude';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

async function committedTask(project: string, file: string, content: string) {
  const task = await h.call('tasks.create', {
    projectPath: project,
    instructions: withScenario(
      'x',
      scenario([{ commit: { path: file, content, message: `add ${file}` } }]),
    ),
  });
  return h.waitFor(task.id, 'COMPLETED');
}

describe('commit diffs', () => {
  it('shows a landed commit’s patch, found in the project after the sandbox is gone', async () => {
    const project = makeWorkingCopy();
    const task = await committedTask(project, 'hello.txt', 'hello world\n');
    const [exec] = (await h.call('tasks.get', { id: task.id })).executions;
    const hash = exec!.commits[0]!.hash;
    const d = await h.call('commits.diff', { taskId: task.id, hash: hash.slice(0, 10) });
    expect(d.hash).toBe(hash);
    expect(d.diff).toContain('+hello world');
    expect(d.diff).toContain('hello.txt');
    expect(d.truncated).toBe(false);
  });

  it('refuses a hash that is not one of the task’s commits', async () => {
    const project = makeWorkingCopy();
    const task = await committedTask(project, 'a.txt', 'a');
    const other = git(project, 'rev-parse', 'HEAD');
    await expect(h.call('commits.diff', { taskId: task.id, hash: other })).rejects.toThrow(
      /not found/,
    );
    await expect(h.call('commits.diff', { taskId: task.id, hash: 'zz' })).rejects.toThrow(/hash/);
  });
});

describe('merge into the checked-out branch', () => {
  it('merges the task branch into the user’s branch on request', async () => {
    const project = makeWorkingCopy();
    const task = await committedTask(project, 'feature.txt', 'f');
    expect(fs.existsSync(path.join(project, 'feature.txt'))).toBe(false);
    const r = await h.call('tasks.merge', { id: task.id });
    expect(r).toEqual({ branch: `claudomator/${task.id}`, into: 'main', fastForward: true });
    expect(fs.readFileSync(path.join(project, 'feature.txt'), 'utf8')).toBe('f');
  });

  it('refuses with uncommitted changes, and undoes a conflicting merge', async () => {
    const project = makeWorkingCopy();
    const task = await committedTask(project, 'file1.txt', 'agent version\n');
    fs.writeFileSync(path.join(project, 'file1.txt'), 'dirty\n');
    await expect(h.call('tasks.merge', { id: task.id })).rejects.toThrow(/uncommitted changes/);
    expect(fs.readFileSync(path.join(project, 'file1.txt'), 'utf8')).toBe('dirty\n');
    git(project, 'checkout', '--', 'file1.txt');
    commitFile(project, 'file1.txt', 'user version\n', 'user edit');
    const head = git(project, 'rev-parse', 'HEAD');
    await expect(h.call('tasks.merge', { id: task.id })).rejects.toThrow(/conflicts in file1.txt/);
    expect(git(project, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(project, 'status', '--porcelain')).toBe('');
  });

  it('refuses a task that landed nowhere', async () => {
    const project = makeWorkingCopy();
    const task = await h.call('tasks.create', { projectPath: project, instructions: 'nothing' });
    await h.waitFor(task.id, 'COMPLETED');
    await expect(h.call('tasks.merge', { id: task.id })).rejects.toThrow(/no branch to merge/);
  });
});

describe('app channels', () => {
  it('reports where data lives and checks a claude binary', async () => {
    const info = await h.call('app.info', {});
    expect(info).toMatchObject({ mode: 'browser', dataDir: h.dataDir, version: 'test' });
    expect(await h.call('app.checkClaude', { bin: FAKE_CLAUDE_BIN })).toMatchObject({
      ok: true,
      version: '2.1.197 (Claude Code)',
    });
    const missing = await h.call('app.checkClaude', { bin: '/nope/claude' });
    expect(missing).toMatchObject({ ok: false, error: '"/nope/claude" was not found' });
    const notExec = path.join(makeTempDir(), 'claude');
    fs.writeFileSync(notExec, '', { mode: 0o644 });
    expect((await h.call('app.checkClaude', { bin: notExec })).error).toMatch(/not executable/);
  });
});
