import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  discardsSettled,
  emptyTrash,
  SandboxError,
} from '../../src-main/core/sandbox';
import { discardSandbox } from '../../src-main/core/sandbox/discard-sandbox';
import {
  isolateGitIdentity,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  sandboxPath,
  writeFile,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

const trashOf = (root: string): string => path.join(root, 'sandboxes', '.trash');

describe('discardSandbox', () => {
  it('frees the sandbox path at once and deletes it in the background', async () => {
    const root = makeTempDir();
    const dir = sandboxPath(root, 'exec-1');
    await createSandbox({ projectDir: makeWorkingCopy(), useOrigin: false, sandboxDir: dir });
    await discardSandbox(dir);
    expect(fs.existsSync(dir)).toBe(false);
    await discardsSettled(10_000);
    expect(fs.readdirSync(trashOf(root))).toEqual([]);
  });

  it('deletes a marked sandbox elsewhere before it returns, and refuses a project', async () => {
    const project = makeWorkingCopy();
    const dir = path.join(makeTempDir(), 'claudomator-sandbox-2');
    await createSandbox({ projectDir: project, useOrigin: false, sandboxDir: dir });
    await discardSandbox(dir);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(dir), '.trash'))).toBe(false);
    await expect(discardSandbox(project)).rejects.toThrow(SandboxError);
    expect(fs.existsSync(path.join(project, 'file1.txt'))).toBe(true);
  });

  it('never moves or follows a link in the sandboxes folder to a folder that is not a sandbox', async () => {
    const root = makeTempDir();
    const target = makeTempDir();
    writeFile(target, 'keep.txt', 'x');
    const link = sandboxPath(root, 'link');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
    await expect(discardSandbox(link)).rejects.toThrow(/Refusing to delete/);
    await discardsSettled(10_000);
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('x');
  });

  it('never uses a trash that is a link: nothing moves into its target, nothing there is emptied', async () => {
    const root = makeTempDir();
    const elsewhere = makeTempDir();
    writeFile(elsewhere, 'important/thesis.txt', 'years of work\n');
    fs.mkdirSync(path.join(root, 'sandboxes'), { recursive: true });
    fs.symlinkSync(elsewhere, trashOf(root));

    emptyTrash(path.join(root, 'sandboxes'));
    const dir = sandboxPath(root, 'exec-3');
    await createSandbox({ projectDir: makeWorkingCopy(), useOrigin: false, sandboxDir: dir });
    await discardSandbox(dir);
    await discardsSettled(10_000);

    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(elsewhere)).toEqual(['important']);
    expect(fs.readFileSync(path.join(elsewhere, 'important', 'thesis.txt'), 'utf8')).toBe(
      'years of work\n',
    );
  });

  it('a start empties what a stop left in the trash', async () => {
    const root = makeTempDir();
    writeFile(trashOf(root), 'exec-9-left/.git/objects/ab/cdef', 'x');
    writeFile(trashOf(root), 'exec-8-left/file.txt', 'x');
    emptyTrash(path.join(root, 'sandboxes'));
    await discardsSettled(10_000);
    expect(fs.readdirSync(trashOf(root))).toEqual([]);
    emptyTrash(path.join(makeTempDir(), 'sandboxes')); // no trash yet: nothing to do
  });
});
