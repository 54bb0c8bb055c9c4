import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxError } from './errors';
import { removeTree } from './remove-tree';

/** Written into each sandbox's .git by createSandbox: proof that a directory is ours to delete. */
export const SANDBOX_MARKER = 'claudomator-sandbox';

export function markerPath(sandboxDir: string): string {
  return path.join(sandboxDir, '.git', SANDBOX_MARKER);
}

/**
 * Why `dir` may be deleted, or null. A recursive delete in the wrong place would
 * destroy a user's project, so only two kinds of directory qualify: anything
 * below a directory named `sandboxes`, and a clone createSandbox marked as its own
 * (a user's project has a .git too, so ".git exists" alone proves nothing).
 */
function deletable(realDir: string): boolean {
  const root = path.parse(realDir).root;
  if (realDir === root || realDir === os.homedir() || realDir === os.tmpdir()) return false;
  const parents = path.dirname(realDir).split(path.sep);
  if (parents.includes('sandboxes')) return true;
  return existsSync(markerPath(realDir));
}

/**
 * The real path of `sandboxDir` when it may be deleted, null when it is gone;
 * throws for anything that is not a Claudomator sandbox. The one guard in front
 * of every delete and move of a sandbox.
 */
export async function sandboxToDelete(sandboxDir: string): Promise<string | null> {
  const dir = path.resolve(sandboxDir);
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!deletable(real)) {
    throw new SandboxError(
      `Refusing to delete ${dir}: it is not a Claudomator sandbox ` +
        `(not inside a "sandboxes" folder and not marked as a sandbox)`,
    );
  }
  return real;
}

export async function removeSandbox(sandboxDir: string): Promise<void> {
  if ((await sandboxToDelete(sandboxDir)) === null) return;
  // A symlink is removed as a link; its target is left alone.
  await removeTree(path.resolve(sandboxDir));
}
