import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, gitIdentityEnv, runGit } from '../../src-main/core/git/run-git';
import {
  isolateGitIdentity,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  writeGlobalConfig,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

describe('runGit', () => {
  it('returns output and throws a GitError naming the command and its stderr', async () => {
    const repo = makeWorkingCopy();
    const ok = await runGit(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: repo });
    expect(ok).toEqual({ stdout: 'main\n', stderr: '', code: 0 });

    const err = await runGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toContain('git rev-parse --verify no-such-ref');
    expect((err as GitError).message).toContain('fatal: Needed a single revision');
    expect((err as GitError).code).toBe(128);
  });

  it('resolves with the exit code when allowFail is set', async () => {
    const dir = makeTempDir();
    const r = await runGit(['rev-parse', '--git-dir'], { cwd: dir, allowFail: true });
    expect(r.code).toBe(128);
    // Untranslated, so callers can match on it.
    expect(r.stderr).toContain('not a git repository');
  });

  it('names a missing working directory instead of blaming git', async () => {
    await expect(runGit(['status'], { cwd: `${makeTempDir()}/missing` })).rejects.toThrow(
      /directory does not exist/,
    );
  });

  it.skipIf(process.getuid?.() !== 0)('works on a repository owned by another user', async () => {
    const repo = makeWorkingCopy();
    execFileSync('chown', ['-R', '65534:65534', repo]);
    expect(() =>
      execFileSync('git', ['status'], {
        cwd: repo,
        stdio: 'pipe',
        env: { ...process.env, LANG: 'C' },
      }),
    ).toThrow(/dubious ownership/);
    const r = await runGit(['status', '--porcelain'], { cwd: repo });
    expect(r.code).toBe(0);
  });
});

describe('gitIdentityEnv', () => {
  it("supplies Claudomator's identity where the machine has none", async () => {
    expect(await gitIdentityEnv()).toEqual({
      GIT_AUTHOR_NAME: 'Claudomator',
      GIT_AUTHOR_EMAIL: 'claudomator@localhost',
      GIT_COMMITTER_NAME: 'Claudomator',
      GIT_COMMITTER_EMAIL: 'claudomator@localhost',
    });
  });

  it("never overrides the user's own identity", async () => {
    const global = writeGlobalConfig('[user]\n\tname = Jo\n\temail = jo@example.com\n');
    expect(await gitIdentityEnv({ ...process.env, GIT_CONFIG_GLOBAL: global })).toEqual({});

    const nameOnly = writeGlobalConfig('[user]\n\tname = Jo\n');
    expect(await gitIdentityEnv({ ...process.env, GIT_CONFIG_GLOBAL: nameOnly })).toEqual({
      GIT_AUTHOR_EMAIL: 'claudomator@localhost',
      GIT_COMMITTER_EMAIL: 'claudomator@localhost',
    });

    const fromEnv = await gitIdentityEnv({ ...process.env, GIT_AUTHOR_NAME: 'Env Name' });
    expect(fromEnv.GIT_AUTHOR_NAME).toBeUndefined();
    expect(fromEnv.GIT_COMMITTER_NAME).toBe('Claudomator');
  });

  it('lets a commit succeed on a machine with no identity', async () => {
    const repo = makeTempDir();
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.writeFileSync(`${repo}/a.txt`, 'a');
    await runGit(['add', '-A'], { cwd: repo });
    await expect(runGit(['commit', '-q', '-m', 'x'], { cwd: repo })).rejects.toThrow(GitError);
    await runGit(['commit', '-q', '-m', 'x'], { cwd: repo, env: await gitIdentityEnv() });
    expect((await runGit(['log', '--format=%an', '-1'], { cwd: repo })).stdout.trim()).toBe(
      'Claudomator',
    );
  });
});
