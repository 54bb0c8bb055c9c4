import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRepo, SandboxError } from '../../src-main/core/sandbox';
import {
  git,
  isolateGitIdentity,
  logSubjects,
  makeBareRepo,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  writeFile,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

describe('ensureRepo', () => {
  it('turns a plain folder into a repository with an initial commit, without a git identity', async () => {
    const dir = path.join(makeTempDir(), 'plain');
    writeFile(dir, 'README.md', '# hello\n');
    writeFile(dir, 'src/app.js', 'console.log(1);\n');

    const facts = await ensureRepo(dir);
    expect(facts).toEqual({
      initialized: true,
      bare: false,
      branch: git(dir, 'branch', '--show-current'),
    });

    expect(logSubjects(dir)).toEqual(['chore: initial commit']);
    expect(git(dir, 'ls-files').split('\n').sort()).toEqual(['README.md', 'src/app.js']);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'log', '-1', '--format=%an <%ae>')).toBe('Claudomator <claudomator@localhost>');
  });

  it('initialises an empty folder too', async () => {
    const dir = makeTempDir();
    expect(await ensureRepo(dir)).toMatchObject({ initialized: true, bare: false });
    expect(logSubjects(dir)).toEqual(['chore: initial commit']);
  });

  it('leaves an existing repository alone', async () => {
    const dir = makeWorkingCopy({ commits: 2 });
    const head = git(dir, 'rev-parse', 'HEAD');
    writeFile(dir, 'dirty.txt', 'uncommitted\n');

    expect(await ensureRepo(dir)).toEqual({ initialized: false, bare: false, branch: 'main' });
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe('?? dirty.txt');
    git(dir, 'checkout', '-q', '--detach');
    expect(await ensureRepo(dir)).toEqual({ initialized: false, bare: false, branch: null });
  });

  it('accepts a bare repository as it is', async () => {
    const bare = makeBareRepo();
    expect(await ensureRepo(bare)).toEqual({ initialized: false, bare: true, branch: 'trunk' });
    await expect(ensureRepo(path.join(bare, 'refs'))).rejects.toThrow(/inside a git directory/);
    const wc = makeWorkingCopy();
    await expect(ensureRepo(path.join(wc, '.git'))).rejects.toThrow(/inside a git directory/);
    await expect(ensureRepo(path.join(wc, '.git', 'refs'))).rejects.toThrow(
      /inside a git directory/,
    );
  });

  it('refuses a repository with no commits, saying what to do', async () => {
    const dir = makeTempDir();
    git(dir, 'init', '-q');
    const err = await ensureRepo(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as Error).message).toContain('has no commits yet; make a first commit');
    expect((err as Error).message).toContain(dir);
  });

  it('reports a repository git cannot read instead of initialising over it', async () => {
    const dir = makeWorkingCopy();
    const head = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'config', 'core.repositoryformatversion', '9');
    const err = await ensureRepo(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as Error).message).toMatch(/git cannot read the repository at .*repo version/s);
    git(dir, 'config', '--file', '.git/config', 'core.repositoryformatversion', '0');
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(logSubjects(dir)).not.toContain('chore: initial commit');
  });

  it("never initialises over a .git git cannot read (no HEAD): the user's edits stay uncommitted", async () => {
    const dir = makeWorkingCopy();
    const head = git(dir, 'rev-parse', 'HEAD');
    writeFile(dir, 'file1.txt', 'an edit not committed yet\n');
    fs.renameSync(path.join(dir, '.git', 'HEAD'), path.join(dir, 'HEAD.saved'));
    await expect(ensureRepo(dir)).rejects.toThrow(/has a \.git that git cannot read/);
    fs.renameSync(path.join(dir, 'HEAD.saved'), path.join(dir, '.git', 'HEAD'));
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe('M file1.txt');
  });

  it('refuses a bare repository with no commits', async () => {
    const bare = path.join(makeTempDir(), 'empty.git');
    git(path.dirname(bare), 'init', '-q', '--bare', bare);
    await expect(ensureRepo(bare)).rejects.toThrow(/has no commits yet/);
  });

  it('refuses a missing path', async () => {
    const dir = path.join(makeTempDir(), 'nope');
    await expect(ensureRepo(dir)).rejects.toThrow(SandboxError);
    await expect(ensureRepo(dir)).rejects.toThrow(`Project folder does not exist: ${dir}`);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('refuses a file', async () => {
    const file = path.join(makeTempDir(), 'file.txt');
    fs.writeFileSync(file, 'x');
    await expect(ensureRepo(file)).rejects.toThrow(`Project path is not a folder: ${file}`);
  });

  it('refuses a subfolder of another repository instead of nesting a repository in it', async () => {
    const repo = makeWorkingCopy();
    const sub = path.join(repo, 'packages', 'a');
    fs.mkdirSync(sub, { recursive: true });
    await expect(ensureRepo(sub)).rejects.toThrow(
      `is a subfolder of the git repository ${fs.realpathSync(repo)}.`,
    );
    expect(fs.existsSync(path.join(sub, '.git'))).toBe(false);
  });
});
