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

/** A directory as it was when listed: the same path must still be it. */
interface Listed {
  path: string;
  dev: number;
  ino: number;
}

/** The directory at `dir`, not through a link, or null when something else is there now. */
function directoryAt(dir: string): Listed | null {
  const st = fs.lstatSync(dir, { throwIfNoEntry: false });
  return st?.isDirectory() ? { path: dir, dev: st.dev, ino: st.ino } : null;
}

function assertSame(listed: Listed): void {
  const now = directoryAt(listed.path);
  if (!now || now.dev !== listed.dev || now.ino !== listed.ino) {
    throw new Error(
      `${listed.path} was replaced while it was being deleted; stopped so as not to delete anything outside it`,
    );
  }
}

/**
 * Deletes a directory tree with synchronous system calls in slices of a few
 * milliseconds, yielding to the event loop between them. Every task ends by
 * deleting its sandbox, and fs.rm's recursive mode goes through the thread
 * pool one call at a time (an lstat per entry, a failing rmdir per non-empty
 * directory, an Error object for each): about four times the CPU for a small
 * sandbox.
 *
 * Never follows a symlink: each directory is lstat'ed right before it is
 * listed, and after every pause (where another process may have swapped it
 * for a link) it must still be the same directory before anything in it is
 * deleted; a swap stops the delete with an error. A folder an agent made
 * read-only is made writable first; what vanished meanwhile is not an error.
 */
export async function removeTree(root: string, opts: { sliceMs?: number } = {}): Promise<void> {
  if (process.platform === 'win32') {
    // Windows holds files open behind our back (scanners, indexers): fs.rm retries.
    await fs.promises.rm(root, { recursive: true, force: true, maxRetries: 5 });
    return;
  }
  const st = fs.lstatSync(root, { throwIfNoEntry: false });
  if (!st) return;
  if (!st.isDirectory()) {
    ignoreMissing(() => fs.unlinkSync(root)); // a file, or a link removed as a link
    return;
  }
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  let sliceStart = performance.now();
  /** True when it paused: the caller re-checks what it holds. */
  const tick = async (): Promise<boolean> => {
    if (performance.now() - sliceStart < sliceMs) return false;
    await nextTurn();
    sliceStart = performance.now();
    return true;
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

async function emptyAndRemove(root: string, tick: () => Promise<boolean>): Promise<void> {
  // Pre-order list of directories: reversed, every child comes before its parent.
  const dirs: Listed[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const listed = directoryAt(dir);
    if (!listed) {
      // Gone, or no longer a directory (a link or a file now): remove it as it is.
      ignoreMissing(() => fs.unlinkSync(dir));
      continue;
    }
    const entries = readdirWritable(listed);
    if (entries === null) continue;
    dirs.push(listed);
    for (const entry of entries) {
      if (await tick()) assertSame(listed);
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else unlinkEntry(full, pending);
    }
  }
  for (let i = dirs.length - 1; i >= 0; i--) {
    const listed = dirs[i]!;
    assertSame(listed);
    ignoreMissing(() => fs.rmdirSync(listed.path));
    await tick();
  }
}

/** Unlinks a file or link; one that became a directory meanwhile is listed later. */
function unlinkEntry(file: string, pending: string[]): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    const c = code(err);
    if (c === 'ENOENT') return;
    if (c === 'EISDIR' || c === 'EPERM') pending.push(file);
    else throw err;
  }
}

/**
 * Lists a directory just lstat'ed, making it readable and writable first if
 * its entries could not be listed or deleted otherwise. Null when it is gone.
 */
function readdirWritable(listed: Listed): fs.Dirent[] | null {
  try {
    try {
      fs.accessSync(listed.path, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
    } catch (err) {
      if (code(err) !== 'EACCES') throw err;
      assertSame(listed);
      fs.chmodSync(listed.path, 0o700);
    }
    return fs.readdirSync(listed.path, { withFileTypes: true });
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    throw err;
  }
}

function ignoreMissing(call: () => void): void {
  try {
    call();
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
}
