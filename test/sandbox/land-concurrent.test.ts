import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, landSandbox, SandboxError } from '../../src-main/core/sandbox';
import {
  commitFile,
  git,
  isolateGitIdentity,
  logSubjects,
  makeProjectWithBare,
  pushBehindTheBack,
  readFile,
  removeTempDirs,
  sandboxPath,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

async function sandboxOf(wc: string, dir: string) {
  return createSandbox({ projectDir: wc, useOrigin: false, sandboxDir: dir });
}

describe('landSandbox to a bare source, racing other pushers', () => {
  it('lands four sandboxes at once: every commit arrives, the repository stays sound', async () => {
    const { bare, wc, root } = makeProjectWithBare();
    const ids = ['a', 'b', 'c', 'd'];
    const sandboxes = await Promise.all(
      ids.map(async (id) => {
        const dir = sandboxPath(root, id);
        const { baseHead } = await sandboxOf(wc, dir);
        commitFile(dir, `${id}.txt`, `${id}\n`, `feat: ${id}`);
        return { dir, baseHead, id };
      }),
    );

    const results = await Promise.all(
      sandboxes.map((s) =>
        landSandbox({ sandboxDir: s.dir, baseHead: s.baseHead, taskBranch: `claudomator/${s.id}` }),
      ),
    );

    const onTrunk = logSubjects(bare, 'trunk');
    for (const id of ids) expect(onTrunk).toContain(`feat: ${id}`);
    expect(onTrunk).toHaveLength(1 + ids.length);
    // Each result reports the hash that is really on trunk (rebased ones included).
    const hashes = git(bare, 'log', '--format=%H', 'trunk').split('\n');
    for (const r of results) {
      expect(r.landed).toBe(true);
      expect(r.commits).toHaveLength(1);
      expect(hashes).toContain(r.commits[0]?.hash);
    }
    git(bare, 'fsck', '--strict', '--no-dangling');
    for (const s of sandboxes) expect(fs.existsSync(s.dir)).toBe(false);
  });

  it('rebases and retries when another process pushed behind the sandbox', async () => {
    const { bare, wc, root } = makeProjectWithBare();
    const dir = sandboxPath(root, 'late');
    const { baseHead } = await sandboxOf(wc, dir);
    const mine = commitFile(dir, 'mine.txt', 'mine\n', 'feat: mine');
    const theirs = pushBehindTheBack(bare, 'trunk', 'theirs.txt', 'theirs\n', 'feat: theirs');

    const result = await landSandbox({ sandboxDir: dir, baseHead, taskBranch: 'claudomator/late' });

    expect(logSubjects(bare, 'trunk').slice(-2)).toEqual(['feat: theirs', 'feat: mine']);
    expect(git(bare, 'rev-parse', 'trunk~1')).toBe(theirs);
    // The commit was rebased: the reported hash is the new one, not the sandbox's original.
    const tip = git(bare, 'rev-parse', 'trunk');
    expect(tip).not.toBe(mine);
    expect(result.commits).toEqual([{ hash: tip, subject: 'feat: mine' }]);
    git(bare, 'fsck', '--strict', '--no-dangling');
  });

  it('keeps the sandbox and names the file when the task conflicts with what landed first', async () => {
    const { bare, wc, root } = makeProjectWithBare();
    const first = sandboxPath(root, 'first');
    const second = sandboxPath(root, 'second');
    const a = await sandboxOf(wc, first);
    const b = await sandboxOf(wc, second);
    commitFile(first, 'file1.txt', 'first version\n', 'feat: first');
    const secondHead = commitFile(second, 'file1.txt', 'second version\n', 'feat: second');

    await landSandbox({ sandboxDir: first, baseHead: a.baseHead, taskBranch: 'claudomator/first' });
    const err = await landSandbox({
      sandboxDir: second,
      baseHead: b.baseHead,
      taskBranch: 'claudomator/second',
    }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(SandboxError);
    const sandboxError = err as SandboxError;
    expect(sandboxError.conflictFiles).toEqual(['file1.txt']);
    expect(sandboxError.message).toContain('file1.txt');
    expect(sandboxError.message).toContain(`sandbox preserved at ${second}`);
    expect(sandboxError.sandboxDir).toBe(second);
    // The sandbox is kept as the agent left it: not mid-rebase, its commit intact.
    expect(fs.existsSync(`${second}/.git/rebase-merge`)).toBe(false);
    expect(git(second, 'rev-parse', 'HEAD')).toBe(secondHead);
    expect(readFile(second, 'file1.txt')).toBe('second version\n');
    expect(logSubjects(bare, 'trunk').at(-1)).toBe('feat: first');
  });
});
