import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long one slice may hold the event loop. Time, not a count of calls: an
 * rmdir takes ~10 µs on a quiet disk and ~300 µs while other clones write.
 */
const SLICE_MS = 4;
/** Rounds for a directory that gained entries while it was emptied (a process still writing). */
const MAX_ROUNDS = 3;

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/**
 * Deletes a directory tree with synchronous system calls in slices of a few
 * milliseconds, yielding to the event loop between them. Every task ends by deleting its sandbox, and
 * fs.rm's recursive mode goes through the thread pool one call at a time (an
 * lstat per entry, a failing rmdir per non-empty directory, an Error object for
 * each): about four times the CPU for a small sandbox. A symlink is removed,
 * never followed; a folder an agent made read-only is made writable first;
 * what vanished meanwhile is not an error.
 */
export async function removeTree(root: string, opts: { sliceMs?: number } = {}): Promise<void> {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  let st: fs.Stats | undefined;
  try {
    st = fs.lstatSync(root);
  } catch (err) {
    if (code(err) === 'ENOENT') return;
    throw err;
  }
  if (!st.isDirectory()) {
    fs.rmSync(root, { force: true });
    return;
  }
  let sliceStart = performance.now();
  const tick = async (): Promise<void> => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
  for (let round = 1; ; round++) {
    try {
      await emptyAndRemove(root, tick);
      return;
    } catch (err) {
      // Something wrote into the tree while it went: go over it again.
      if (code(err) !== 'ENOTEMPTY' || round >= MAX_ROUNDS) throw err;
    }
  }
}

async function emptyAndRemove(root: string, tick: () => Promise<void>): Promise<void> {
  // Pre-order list of directories: reversed, every child comes before its parent.
  const dirs = [root];
  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i]!;
    let entries: fs.Dirent[];
    try {
      entries = readdirWritable(dir);
    } catch (err) {
      if (code(err) === 'ENOENT') continue;
      throw err;
    }
    await tick();
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) dirs.push(full);
      else {
        ignoreMissing(() => fs.unlinkSync(full));
        await tick();
      }
    }
  }
  for (let i = dirs.length - 1; i >= 0; i--) {
    ignoreMissing(() => fs.rmdirSync(dirs[i]!));
    await tick();
  }
}

/** Lists a directory, making it writable first if its entries could not be deleted otherwise. */
function readdirWritable(dir: string): fs.Dirent[] {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    if (code(err) !== 'EACCES') throw err;
    fs.chmodSync(dir, 0o700);
  }
  return fs.readdirSync(dir, { withFileTypes: true });
}

function ignoreMissing(call: () => void): void {
  try {
    call();
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
}
