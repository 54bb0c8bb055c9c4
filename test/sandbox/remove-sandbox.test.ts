import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, removeSandbox, SandboxError } from '../../src-main/core/sandbox';
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

describe('removeSandbox', () => {
  it("refuses to delete a user's project, even though it is a git repository", async () => {
    const wc = makeWorkingCopy();
    await expect(removeSandbox(wc)).rejects.toThrow(SandboxError);
    await expect(removeSandbox(path.dirname(wc))).rejects.toThrow(/Refusing to delete/);
    expect(fs.existsSync(path.join(wc, 'file1.txt'))).toBe(true);
  });

  it('deletes anything inside a `sandboxes` folder, but not that folder itself', async () => {
    const root = makeTempDir();
    const dir = sandboxPath(root, 'half-made');
    writeFile(dir, 'a/b.txt', 'x');
    await removeSandbox(dir);
    expect(fs.existsSync(dir)).toBe(false);
    await expect(removeSandbox(path.join(root, 'sandboxes'))).rejects.toThrow(SandboxError);
  });

  it('deletes a sandbox createSandbox made elsewhere (it is marked)', async () => {
    const wc = makeWorkingCopy();
    const dir = path.join(makeTempDir(), 'claudomator-sandbox-1');
    await createSandbox({ projectDir: wc, useOrigin: false, sandboxDir: dir });
    await removeSandbox(dir);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(wc)).toBe(true);
  });

  it('is a no-op for a path that is already gone', async () => {
    await expect(removeSandbox(sandboxPath(makeTempDir(), 'gone'))).resolves.toBeUndefined();
  });
});
