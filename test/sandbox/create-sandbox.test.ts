import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, SandboxError } from '../../src-main/core/sandbox';
import {
  commitFile,
  git,
  isolateGitIdentity,
  logSubjects,
  makeBareRepo,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  sandboxPath,
  writeFile,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

describe('createSandbox', () => {
  it('clones the working copy (committed state only) and returns the HEAD at start', async () => {
    const wc = makeWorkingCopy({ commits: 2 });
    writeFile(wc, 'file1.txt', 'uncommitted edit\n');
    const sandboxDir = sandboxPath(makeTempDir(), 'task-1');

    const { source, baseHead } = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir,
    });

    expect(source).toEqual({ url: wc, kind: 'working-copy', branch: 'main' });
    expect(baseHead).toBe(git(wc, 'rev-parse', 'HEAD'));
    expect(git(sandboxDir, 'rev-parse', 'HEAD')).toBe(baseHead);
    expect(fs.readFileSync(`${sandboxDir}/file1.txt`, 'utf8')).toBe('line 1\n');
    expect(git(sandboxDir, 'remote', 'get-url', 'origin')).toBe(wc);
  });

  it('needs nothing from the source afterwards: gc, prune and deletion leave it whole', async () => {
    const wc = makeWorkingCopy({ commits: 3 });
    git(wc, 'repack', '-q'); // a pack as well as loose objects, both shared by link where possible
    commitFile(wc, 'loose.txt', 'loose object\n', 'a loose commit');
    const sandboxDir = sandboxPath(makeTempDir(), 't');
    const { baseHead } = await createSandbox({ projectDir: wc, useOrigin: false, sandboxDir });

    // No alternates: the sandbox's objects are its own files, whatever shares their inodes.
    expect(fs.existsSync(`${sandboxDir}/.git/objects/info/alternates`)).toBe(false);
    const pack = fs
      .readdirSync(`${sandboxDir}/.git/objects/pack`)
      .find((f) => f.endsWith('.pack'))!;
    expect(fs.statSync(`${sandboxDir}/.git/objects/pack/${pack}`).nlink).toBe(2); // linked, not copied
    git(wc, 'reset', '-q', '--hard', 'HEAD~2');
    git(wc, 'reflog', 'expire', '--expire=now', '--all');
    git(wc, 'gc', '-q', '--aggressive', '--prune=now');
    git(sandboxDir, 'fsck', '--full', '--strict');
    fs.rmSync(wc, { recursive: true, force: true });
    git(sandboxDir, 'fsck', '--full', '--strict');
    expect(git(sandboxDir, 'rev-parse', 'HEAD')).toBe(baseHead);
    expect(logSubjects(sandboxDir)).toHaveLength(4);
    expect(fs.readFileSync(`${sandboxDir}/loose.txt`, 'utf8')).toBe('loose object\n');
  });

  it('initialises a plain folder first', async () => {
    const dir = makeTempDir();
    writeFile(dir, 'notes.txt', 'hi\n');
    const sandboxDir = sandboxPath(makeTempDir(), 't');
    await createSandbox({ projectDir: dir, useOrigin: false, sandboxDir });
    expect(logSubjects(sandboxDir)).toEqual(['chore: initial commit']);
  });

  it('clones from the `local` bare remote when there is one', async () => {
    const wc = makeWorkingCopy();
    const bare = makeBareRepo({ branch: 'trunk', commits: 3 });
    git(wc, 'remote', 'add', 'local', bare);
    const sandboxDir = sandboxPath(makeTempDir(), 't');
    const { source, baseHead } = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir,
    });
    expect(source).toEqual({ url: bare, kind: 'bare', branch: 'trunk' });
    expect(baseHead).toBe(git(bare, 'rev-parse', 'trunk'));
    expect(git(sandboxDir, 'symbolic-ref', '--short', 'HEAD')).toBe('trunk');
  });

  it('checks out an existing branch when asked, else the default', async () => {
    const wc = makeWorkingCopy();
    git(wc, 'branch', 'claudomator/root');
    git(wc, 'checkout', '-q', 'claudomator/root');
    const tip = commitFile(wc, 'sub.txt', 'from an earlier subtask\n', 'feat: earlier subtask');
    git(wc, 'checkout', '-q', 'main');
    const root = makeTempDir();

    const withBranch = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir: sandboxPath(root, 'a'),
      branch: 'claudomator/root',
    });
    expect(withBranch.baseHead).toBe(tip);
    expect(git(sandboxPath(root, 'a'), 'symbolic-ref', '--short', 'HEAD')).toBe('claudomator/root');

    const missing = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir: sandboxPath(root, 'b'),
      branch: 'claudomator/other',
    });
    expect(missing.baseHead).toBe(git(wc, 'rev-parse', 'main'));
    expect(git(sandboxPath(root, 'b'), 'symbolic-ref', '--short', 'HEAD')).toBe('main');
  });

  it('refuses an existing sandbox folder and an invalid branch name', async () => {
    const wc = makeWorkingCopy();
    const existing = makeTempDir();
    await expect(
      createSandbox({ projectDir: wc, useOrigin: false, sandboxDir: existing }),
    ).rejects.toThrow(SandboxError);
    await expect(
      createSandbox({
        projectDir: wc,
        useOrigin: false,
        sandboxDir: sandboxPath(makeTempDir(), 'x'),
        branch: 'bad..name',
      }),
    ).rejects.toThrow(/not a valid git branch name/);
    await expect(
      createSandbox({
        projectDir: wc,
        useOrigin: false,
        sandboxDir: sandboxPath(makeTempDir(), 'x'),
        branch: '--upload-pack=evil',
      }),
    ).rejects.toThrow(/not a valid git branch name/);
  });

  it('fails clearly for a missing project', async () => {
    await expect(
      createSandbox({
        projectDir: `${makeTempDir()}/missing`,
        useOrigin: false,
        sandboxDir: sandboxPath(makeTempDir(), 'x'),
      }),
    ).rejects.toThrow(/does not exist/);
  });
});
