import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type FakeStep } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { git, makeTempDir, makeWorkingCopy, removeTempDirs } from '../support/git-repos';

// Issue 4, suite 5: every bad input gets a clear error on the task or at the
// API, and nothing else is disturbed.

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ maxConcurrency: 3 });
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

const isRoot = process.getuid?.() === 0;

async function endState(projectPath: string, steps: FakeStep[] = []) {
  const task = await h.call('tasks.create', {
    projectPath,
    instructions: withScenario('x', scenario(steps)),
  });
  return h.waitFor(task.id, (t) => !['QUEUED', 'RUNNING', 'PENDING'].includes(t.state));
}

describe('bad project paths at the API', () => {
  it('a missing path, a file, and an unreadable folder each get a clear 400', async () => {
    const root = makeTempDir();
    await expect(h.call('projects.add', { path: path.join(root, 'nope') })).rejects.toThrow(
      /does not exist/,
    );
    const file = path.join(root, 'file.txt');
    fs.writeFileSync(file, 'x');
    await expect(h.call('projects.add', { path: file })).rejects.toThrow(/is a file, not a folder/);
    await expect(h.call('tasks.create', { projectPath: file, instructions: 'x' })).rejects.toThrow(
      /not a folder/,
    );
    if (!isRoot) {
      const locked = path.join(root, 'locked');
      fs.mkdirSync(locked, { mode: 0o000 });
      await expect(h.call('projects.add', { path: locked })).rejects.toThrow(/not readable/);
    }
    expect((await h.call('projects.list', {})).length).toBe(0);
  });

  it('instructions empty or too large are refused before anything is stored', async () => {
    const project = makeWorkingCopy();
    await expect(
      h.call('tasks.create', { projectPath: project, instructions: '   ' }),
    ).rejects.toThrow(/must not be empty/);
    await expect(
      h.call('tasks.create', { projectPath: project, instructions: 'x'.repeat(5 * 1024 * 1024) }),
    ).rejects.toThrow(/at most/);
    expect((await h.call('tasks.list', {})).total).toBe(0);
  });
});

describe('bad project repositories, as the task finds them', () => {
  it('a repository with no commits fails the task, telling the user what to do', async () => {
    const repo = path.join(makeTempDir(), 'empty');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q');
    const t = await endState(repo);
    expect(t.state).toBe('FAILED');
    expect(t.error).toMatch(/no commits yet/);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('a detached HEAD still runs, and lands on the task branch', async () => {
    const repo = makeWorkingCopy({ commits: 2 });
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    const detached = git(repo, 'rev-parse', 'HEAD');
    const t = await endState(repo, [
      { commit: { path: 'd.txt', content: 'd', message: 'on detached' } },
    ]);
    expect(t.state).toBe('COMPLETED');
    expect(git(repo, 'log', '-1', '--format=%s', `claudomator/${t.id}`)).toBe('on detached');
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(detached);
  });

  it('a dirty working copy runs on its committed state and keeps the edits untouched', async () => {
    const repo = makeWorkingCopy();
    fs.writeFileSync(path.join(repo, 'file1.txt'), 'uncommitted edit\n');
    fs.writeFileSync(path.join(repo, 'untracked.txt'), 'mine\n');
    const t = await endState(repo, [
      { bash: 'cat file1.txt > seen.txt && git add -A && git commit -qm seen' },
    ]);
    expect(t.state).toBe('COMPLETED');
    expect(git(repo, 'show', `claudomator/${t.id}:seen.txt`)).toBe('line 1');
    expect(fs.readFileSync(path.join(repo, 'file1.txt'), 'utf8')).toBe('uncommitted edit\n');
    expect(fs.readFileSync(path.join(repo, 'untracked.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('bad agent output', () => {
  it('a huge question file blocks with an excerpt and names the problem', async () => {
    const project = makeWorkingCopy();
    const t = await endState(project, [{ askRaw: `{"text": "${'a'.repeat(100_000)}?"}` }]);
    expect(t.state).toBe('BLOCKED');
    expect(t.error).toMatch(/too large/);
    expect(t.question!.text.length).toBeLessThan(10_000);
  });

  it('non-string options are dropped and named', async () => {
    const project = makeWorkingCopy();
    const t = await endState(project, [
      { askRaw: JSON.stringify({ text: 'Pick one?', options: ['a', 2, null, { x: 1 }, 'b'] }) },
    ]);
    expect(t.state).toBe('BLOCKED');
    expect(t.question).toEqual({ text: 'Pick one?', options: ['a', 'b'] });
    expect(t.error).toMatch(/not strings/);
  });

  it('one bad task does not disturb another running beside it', async () => {
    const project = makeWorkingCopy();
    const good = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('ok', scenario([{ sleep: 300 }, { text: 'fine' }])),
    });
    const bad = await endState(project, [{ fail: { stderr: 'kaboom', code: 9 } }]);
    expect(bad.state).toBe('FAILED');
    expect((await h.waitFor(good.id, 'COMPLETED')).error).toBeNull();
  });
});
