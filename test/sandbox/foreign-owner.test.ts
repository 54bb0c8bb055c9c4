import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, landSandbox } from '../../src-main/core/sandbox';
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
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

// Only root can hand a repository to another user; git refuses such
// repositories ("dubious ownership") unless told they are safe.
describe.skipIf(process.getuid?.() !== 0)('projects owned by another OS user', () => {
  it('clones and lands to a bare source and to a working copy owned by someone else', async () => {
    const bare = makeBareRepo({ branch: 'trunk' });
    const wc = makeWorkingCopy({ branch: 'trunk' });
    git(wc, 'remote', 'add', 'local', bare);
    const plain = makeWorkingCopy();
    execFileSync('chown', ['-R', '65534:65534', bare, wc, plain]);
    const root = makeTempDir();

    const a = await createSandbox({
      projectDir: wc,
      useOrigin: false,
      sandboxDir: sandboxPath(root, 'a'),
    });
    commitFile(sandboxPath(root, 'a'), 'a.txt', 'a\n', 'feat: a');
    const landedA = await landSandbox({
      sandboxDir: sandboxPath(root, 'a'),
      baseHead: a.baseHead,
      taskBranch: 'claudomator/a',
    });
    expect(landedA.landed).toBe(true);
    expect(logSubjects(bare, 'trunk').at(-1)).toBe('feat: a');

    const b = await createSandbox({
      projectDir: plain,
      useOrigin: false,
      sandboxDir: sandboxPath(root, 'b'),
    });
    commitFile(sandboxPath(root, 'b'), 'b.txt', 'b\n', 'feat: b');
    await landSandbox({
      sandboxDir: sandboxPath(root, 'b'),
      baseHead: b.baseHead,
      taskBranch: 'claudomator/b',
    });
    expect(logSubjects(plain, 'claudomator/b').at(-1)).toBe('feat: b');
  });
});
