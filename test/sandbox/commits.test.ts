import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoCommit, headOf, listCommits } from '../../src-main/core/sandbox';
import {
  commitFile,
  git,
  isolateGitIdentity,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  writeFile,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

describe('autoCommit', () => {
  it('commits modified and untracked leftovers as Claudomator when no identity is configured', async () => {
    const repo = makeWorkingCopy();
    writeFile(repo, 'file1.txt', 'changed\n');
    writeFile(repo, 'new/untracked.txt', 'new\n');
    const before = git(repo, 'rev-parse', 'HEAD');

    expect(await autoCommit(repo)).toEqual({ committed: true, headBefore: before });
    expect(git(repo, 'rev-parse', 'HEAD^')).toBe(before);

    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'log', '-1', '--format=%s|%an|%ae')).toBe(
      'chore: autocommit uncommitted changes|Claudomator|claudomator@localhost',
    );
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
      'file1.txt',
      'new/untracked.txt',
    ]);
  });

  it('sees new files even where status.showUntrackedFiles is off', async () => {
    const repo = makeWorkingCopy();
    git(repo, 'config', 'status.showUntrackedFiles', 'no');
    writeFile(repo, 'brand-new.txt', 'the agent made this\n');
    expect(await autoCommit(repo)).toMatchObject({ committed: true });
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe('brand-new.txt');
  });

  it('uses the identity the repository has when it has one', async () => {
    const repo = makeWorkingCopy();
    git(repo, 'config', 'user.name', 'Repo Owner');
    git(repo, 'config', 'user.email', 'owner@example.com');
    writeFile(repo, 'x.txt', 'x\n');
    expect(await autoCommit(repo)).toMatchObject({ committed: true });
    expect(git(repo, 'log', '-1', '--format=%an <%ae>')).toBe('Repo Owner <owner@example.com>');
  });

  it('does nothing in a clean tree', async () => {
    const repo = makeWorkingCopy();
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(await autoCommit(repo)).toEqual({ committed: false, headBefore: head });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    git(repo, 'checkout', '-q', '--detach');
    commitFile(repo, 'd.txt', 'd\n', 'on a detached HEAD');
    expect(await autoCommit(repo)).toEqual({
      committed: false,
      headBefore: git(repo, 'rev-parse', 'HEAD'),
    });
  });

  it('reports an unborn HEAD as null and still commits what is there', async () => {
    const repo = makeTempDir();
    git(repo, 'init', '-q');
    writeFile(repo, 'first.txt', '1\n');
    expect(await autoCommit(repo)).toEqual({ committed: true, headBefore: null });
    expect(git(repo, 'log', '--format=%s')).toBe('chore: autocommit uncommitted changes');
  });
});

describe('listCommits', () => {
  it("lists fromRef..HEAD oldest first, keeping '|' in subjects", async () => {
    const repo = makeWorkingCopy();
    const base = git(repo, 'rev-parse', 'HEAD');
    const a = commitFile(repo, 'a.txt', 'a\n', 'feat: a | b | c');
    const b = commitFile(repo, 'b.txt', 'b\n', 'fix: pipe at end |');
    const c = commitFile(repo, 'c.txt', 'c\n', 'docs: ünïcödé — and "quotes"');

    expect(await listCommits(repo, base)).toEqual([
      { hash: a, subject: 'feat: a | b | c' },
      { hash: b, subject: 'fix: pipe at end |' },
      { hash: c, subject: 'docs: ünïcödé — and "quotes"' },
    ]);
    expect(await listCommits(repo, a)).toHaveLength(2);
    expect(await listCommits(repo, c)).toEqual([]);
  });
});

describe('headOf', () => {
  it('returns HEAD, or null for a missing folder or a folder that is no repository', async () => {
    const repo = makeWorkingCopy();
    expect(await headOf(repo)).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(await headOf(path.join(makeTempDir(), 'missing'))).toBeNull();
    expect(await headOf(makeTempDir())).toBeNull();
  });
});
