import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, landSandbox } from '../../src-main/core/sandbox';
import {
  commitFile,
  git,
  isolateGitIdentity,
  logSubjects,
  makeProjectWithBare,
  removeTempDirs,
  sandboxPath,
  writeFile,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

async function sandboxOf(wc: string, dir: string) {
  return createSandbox({ projectDir: wc, useOrigin: false, sandboxDir: dir });
}

describe('landSandbox to a bare source', () => {
  it("pushes the new commits to the source's real branch and removes the sandbox", async () => {
    const { bare, wc, root } = makeProjectWithBare();
    const dir = sandboxPath(root, 'one');
    const { baseHead } = await sandboxOf(wc, dir);
    const c1 = commitFile(dir, 'feature.txt', 'feature\n', 'feat: add | feature');
    writeFile(dir, 'leftover.txt', 'not committed by the agent\n');

    const result = await landSandbox({ sandboxDir: dir, baseHead, taskBranch: 'claudomator/one' });

    const tip = git(bare, 'rev-parse', 'trunk');
    expect(result).toEqual({
      commits: [
        { hash: c1, subject: 'feat: add | feature' },
        { hash: tip, subject: 'chore: autocommit uncommitted changes' },
      ],
      landed: true,
      target: { kind: 'bare', url: bare, ref: 'refs/heads/trunk', branch: 'trunk' },
      removed: true,
    });
    expect(logSubjects(bare, 'trunk').slice(-2)).toEqual([
      'feat: add | feature',
      'chore: autocommit uncommitted changes',
    ]);
    expect(git(bare, 'for-each-ref', '--format=%(refname)', 'refs/heads')).toBe('refs/heads/trunk');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('removes the sandbox and reports landed:false when nothing is new', async () => {
    const { bare, wc, root } = makeProjectWithBare();
    const dir = sandboxPath(root, 'idle');
    const before = git(bare, 'rev-parse', 'trunk');
    const { baseHead } = await sandboxOf(wc, dir);

    const result = await landSandbox({ sandboxDir: dir, baseHead, taskBranch: 'claudomator/idle' });

    expect(result).toEqual({ commits: [], landed: false, target: null, removed: true });
    expect(fs.existsSync(dir)).toBe(false);
    expect(git(bare, 'rev-parse', 'trunk')).toBe(before);
  });

  it('keeps the sandbox when the source is gone', async () => {
    const { bare, wc, root } = makeProjectWithBare();
    const dir = sandboxPath(root, 'orphan');
    const { baseHead } = await sandboxOf(wc, dir);
    commitFile(dir, 'x.txt', 'x\n', 'feat: x');
    fs.rmSync(bare, { recursive: true, force: true });

    await expect(
      landSandbox({ sandboxDir: dir, baseHead, taskBranch: 'claudomator/orphan' }),
    ).rejects.toThrow(`sandbox preserved at ${dir}`);
    expect(fs.existsSync(dir)).toBe(true);
  });
});
