import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree } from '../../src-main/core/sandbox/remove-tree';
import { makeTempDir, removeTempDirs, writeFile } from '../support/git-repos';

afterAll(removeTempDirs);

/** A tree of `dirs` folders with `files` files each, some read-only like git's objects. */
function makeTree(root: string, dirs: number, files: number): void {
  for (let d = 0; d < dirs; d++) {
    for (let f = 0; f < files; f++) {
      const file = path.join(root, `d${d}`, 'sub', `f${f}.txt`);
      writeFile(root, path.relative(root, file), `${d}/${f}\n`);
      if (f % 2) fs.chmodSync(file, 0o444);
    }
  }
}

describe('removeTree', () => {
  it('deletes a large tree in slices while the event loop keeps turning', async () => {
    const root = path.join(makeTempDir(), 'tree');
    makeTree(root, 40, 30);
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      // A zero slice yields after every call: the loop turns however fast the disk.
      await removeTree(root, { sliceMs: 0 });
    } finally {
      clearInterval(timer);
    }
    expect(fs.existsSync(root)).toBe(false);
    expect(turns).toBeGreaterThan(0);
  });

  it('removes symlinks without following them, and a root that is a symlink as a link', async () => {
    const outside = makeTempDir();
    writeFile(outside, 'keep/me.txt', 'precious\n');
    const root = path.join(makeTempDir(), 'tree');
    writeFile(root, 'a/file.txt', 'x');
    fs.symlinkSync(path.join(outside, 'keep'), path.join(root, 'a', 'dir-link'));
    fs.symlinkSync(path.join(outside, 'keep', 'me.txt'), path.join(root, 'file-link'));
    fs.symlinkSync(path.join(outside, 'nowhere'), path.join(root, 'dangling'));
    await removeTree(root);
    expect(fs.existsSync(root)).toBe(false);
    expect(fs.readFileSync(path.join(outside, 'keep', 'me.txt'), 'utf8')).toBe('precious\n');

    const link = path.join(makeTempDir(), 'link');
    fs.symlinkSync(outside, link);
    await removeTree(link);
    expect(fs.existsSync(link)).toBe(false);
    expect(fs.existsSync(path.join(outside, 'keep', 'me.txt'))).toBe(true);
  });

  it('never deletes outside the tree when a folder is swapped for a link meanwhile', async () => {
    const victim = makeTempDir();
    const precious = ['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'keep.txt'];
    for (const f of precious) writeFile(victim, f, 'precious\n');
    const moved = path.join(makeTempDir(), 'moved');

    // Swapped before it is listed: the link is removed as a link.
    const before = path.join(makeTempDir(), 'tree');
    writeFile(before, 'a/f0.txt', 'x');
    writeFile(before, 'b.txt', 'x');
    setImmediate(() => {
      fs.renameSync(path.join(before, 'a'), moved);
      fs.symlinkSync(victim, path.join(before, 'a'));
    });
    await removeTree(before, { sliceMs: 0 });
    expect(fs.existsSync(before)).toBe(false);
    expect(fs.readdirSync(victim).sort()).toEqual(precious);

    // Swapped while it is being emptied: the delete stops with an error.
    const during = path.join(makeTempDir(), 'tree');
    for (let i = 0; i < 5; i++) writeFile(during, `a/f${i}.txt`, 'x');
    const swapOnceEmptying = (): void => {
      if (fs.existsSync(path.join(during, 'a', 'f0.txt')))
        return void setImmediate(swapOnceEmptying);
      fs.renameSync(path.join(during, 'a'), path.join(makeTempDir(), 'moved'));
      fs.symlinkSync(victim, path.join(during, 'a'));
    };
    setImmediate(swapOnceEmptying);
    await expect(removeTree(during, { sliceMs: 0 })).rejects.toThrow(/was replaced while/);
    expect(fs.readdirSync(victim).sort()).toEqual(precious);
  });

  it('empties folders an agent made read-only or unreadable', async () => {
    const root = path.join(makeTempDir(), 'tree');
    writeFile(root, 'locked/inner/file.txt', 'x');
    writeFile(root, 'sealed/file.txt', 'y');
    fs.chmodSync(path.join(root, 'locked'), 0o500);
    fs.chmodSync(path.join(root, 'sealed'), 0o000);
    await removeTree(root);
    expect(fs.existsSync(root)).toBe(false);
  });

  it('goes over the tree again when something is written into it meanwhile', async () => {
    const root = path.join(makeTempDir(), 'tree');
    makeTree(root, 10, 30);
    // Runs at the first yield, right after the root was listed.
    setImmediate(() => writeFile(root, 'late.txt', 'written during the delete\n'));
    await removeTree(root, { sliceMs: 0 });
    expect(fs.existsSync(root)).toBe(false);
  });

  it('is a no-op for a path that is not there, and deletes a plain file', async () => {
    const dir = makeTempDir();
    await expect(removeTree(path.join(dir, 'missing'))).resolves.toBeUndefined();
    writeFile(dir, 'plain.txt', 'x');
    await removeTree(path.join(dir, 'plain.txt'));
    expect(fs.existsSync(path.join(dir, 'plain.txt'))).toBe(false);
  });
});
