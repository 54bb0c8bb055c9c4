import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headFromFiles } from '../../src-main/core/sandbox/head-file';
import {
  commitFile,
  git,
  isolateGitIdentity,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

describe('headFromFiles', () => {
  it('reads a fresh clone: loose branch, packed branch, detached HEAD', async () => {
    const source = makeWorkingCopy({ commits: 2 });
    const clone = path.join(makeTempDir(), 'clone');
    git(path.dirname(clone), 'clone', '-q', source, clone);
    const head = git(clone, 'rev-parse', 'HEAD');
    expect(headFromFiles(clone)).toBe(head);

    git(clone, 'pack-refs', '--all');
    expect(fs.existsSync(path.join(clone, '.git', 'refs', 'heads', 'main'))).toBe(false);
    expect(headFromFiles(clone)).toBe(head);

    git(clone, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(headFromFiles(clone)).toBe(git(clone, 'rev-parse', 'HEAD'));
  });

  it('follows a branch that moved after the clone', async () => {
    const repo = makeWorkingCopy();
    const moved = commitFile(repo, 'n.txt', 'n\n', 'moved on');
    expect(headFromFiles(repo)).toBe(moved);
  });

  it('says null (ask git) for anything it cannot read plainly', async () => {
    const unborn = makeTempDir();
    git(unborn, 'init', '-q');
    expect(headFromFiles(unborn)).toBeNull();

    expect(headFromFiles(makeTempDir())).toBeNull();
    expect(headFromFiles(path.join(makeTempDir(), 'missing'))).toBeNull();

    const odd = makeWorkingCopy();
    const gitDir = path.join(odd, '.git');
    // A symbolic ref chain, a ref outside refs/heads, a ref that climbs out, junk.
    git(odd, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/main');
    for (const head of [
      'ref: refs/heads/alias',
      'ref: refs/remotes/origin/main',
      'ref: refs/heads/../../config',
      'not a head',
      'ref: refs/heads/.invalid', // what the reftable backend leaves in HEAD
    ]) {
      fs.writeFileSync(path.join(gitDir, 'HEAD'), `${head}\n`);
      expect(headFromFiles(odd), head).toBeNull();
    }
  });
});
