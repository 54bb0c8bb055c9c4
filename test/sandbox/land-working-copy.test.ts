import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, landSandbox, SandboxError } from '../../src-main/core/sandbox';
import {
  commitFile,
  git,
  isolateGitIdentity,
  logSubjects,
  makeTempDir,
  makeWorkingCopy,
  readFile,
  removeTempDirs,
  sandboxPath,
  writeFile,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

/** Everything about the user's checkout that landing must not touch. */
function snapshot(wc: string) {
  return {
    head: git(wc, 'rev-parse', 'HEAD'),
    symbolic: git(wc, 'rev-parse', '--symbolic-full-name', 'HEAD'),
    userBranches: git(wc, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads')
      .split('\n')
      .filter((line) => !line.startsWith('refs/heads/claudomator/')),
    status: git(wc, 'status', '--porcelain'),
    staged: git(wc, 'diff', '--cached'),
    unstaged: git(wc, 'diff'),
    file1: readFile(wc, 'file1.txt'),
  };
}

describe('landSandbox to a working copy', () => {
  it("lands on claudomator/<task> without touching the user's branch, HEAD, index or edits", async () => {
    const wc = makeWorkingCopy({ commits: 2 });
    const dir = sandboxPath(makeTempDir(), 't1');
    const { baseHead } = await createSandbox({ projectDir: wc, useOrigin: false, sandboxDir: dir });

    // The user keeps working while the task runs.
    writeFile(wc, 'file1.txt', 'user edit in progress\n');
    writeFile(wc, 'staged.txt', 'staged by the user\n');
    git(wc, 'add', 'staged.txt');
    const before = snapshot(wc);

    const c1 = commitFile(dir, 'file1.txt', 'agent change\n', 'feat: agent | change');
    const result = await landSandbox({ sandboxDir: dir, baseHead, taskBranch: 'claudomator/t1' });

    expect(result).toEqual({
      commits: [{ hash: c1, subject: 'feat: agent | change' }],
      landed: true,
      target: {
        kind: 'working-copy',
        url: wc,
        ref: 'refs/heads/claudomator/t1',
        branch: 'claudomator/t1',
      },
      removed: true,
    });
    expect(git(wc, 'rev-parse', 'claudomator/t1')).toBe(c1);
    expect(git(wc, 'rev-parse', 'main')).toBe(baseHead);
    expect(snapshot(wc)).toEqual(before);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('works from a detached HEAD and leaves it detached where it was', async () => {
    const wc = makeWorkingCopy({ commits: 3 });
    git(wc, 'checkout', '-q', '--detach', 'HEAD~1');
    const detachedAt = git(wc, 'rev-parse', 'HEAD');
    const dir = sandboxPath(makeTempDir(), 'd');

    const { source, baseHead } = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir: dir,
    });
    expect(source.branch).toBeNull();
    expect(baseHead).toBe(detachedAt);
    commitFile(dir, 'detached.txt', 'x\n', 'feat: from detached');
    const result = await landSandbox({ sandboxDir: dir, baseHead, taskBranch: 'claudomator/d' });

    expect(result.landed).toBe(true);
    expect(logSubjects(wc, 'claudomator/d')).toEqual([
      'commit 1',
      'commit 2',
      'feat: from detached',
    ]);
    expect(git(wc, 'rev-parse', 'HEAD')).toBe(detachedAt);
    expect(git(wc, 'rev-parse', '--symbolic-full-name', 'HEAD')).toBe('HEAD');
  });

  it('continues a task branch and keeps both sides when two subtasks land on it', async () => {
    const wc = makeWorkingCopy();
    const root = makeTempDir();
    const first = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir: sandboxPath(root, 'p'),
    });
    commitFile(sandboxPath(root, 'p'), 'parent.txt', 'p\n', 'feat: parent');
    await landSandbox({
      sandboxDir: sandboxPath(root, 'p'),
      baseHead: first.baseHead,
      taskBranch: 'claudomator/root',
    });

    const subs = await Promise.all(
      ['s1', 's2'].map(async (id) => {
        const dir = sandboxPath(root, id);
        const { baseHead } = await createSandbox({
          projectDir: wc,
          useOrigin: false,
          sandboxDir: dir,
          branch: 'claudomator/root',
        });
        commitFile(dir, `${id}.txt`, `${id}\n`, `feat: ${id}`);
        return { dir, baseHead };
      }),
    );
    await Promise.all(
      subs.map((s) =>
        landSandbox({ sandboxDir: s.dir, baseHead: s.baseHead, taskBranch: 'claudomator/root' }),
      ),
    );

    const subjects = logSubjects(wc, 'claudomator/root');
    expect(subjects.slice(0, 2)).toEqual(['commit 1', 'feat: parent']);
    expect(subjects.slice(2).sort()).toEqual(['feat: s1', 'feat: s2']);
    expect(git(wc, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
  });

  it('refuses to move a task branch the user has checked out, and keeps the sandbox', async () => {
    const wc = makeWorkingCopy();
    git(wc, 'branch', 'claudomator/busy');
    const dir = sandboxPath(makeTempDir(), 'busy');
    const { baseHead } = await createSandbox({ projectDir: wc, useOrigin: false, sandboxDir: dir });
    git(wc, 'checkout', '-q', 'claudomator/busy');
    const before = snapshot(wc);
    commitFile(dir, 'x.txt', 'x\n', 'feat: x');

    const err = await landSandbox({
      sandboxDir: dir,
      baseHead,
      taskBranch: 'claudomator/busy',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as Error).message).toContain('is checked out in');
    expect(fs.existsSync(dir)).toBe(true);
    expect(snapshot(wc)).toEqual(before);
  });
});
