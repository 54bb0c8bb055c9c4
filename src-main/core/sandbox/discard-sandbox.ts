import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeSandbox, sandboxToDelete } from './remove-sandbox';
import { removeTree } from './remove-tree';

/** Inside the sandboxes folder: sandboxes that are done with, still being deleted. */
const TRASH = '.trash';

/**
 * Background deletes run one after another: each holds the event loop for a
 * few milliseconds per slice, and many at once would add those up per turn.
 */
let queue: Promise<void> = Promise.resolve();
let queued = 0;

function deleteInBackground(dir: string): void {
  queued++;
  // A failure leaves it in the trash, which the next start empties.
  queue = queue
    .then(() => removeTree(dir))
    .catch(() => undefined)
    .finally(() => {
      queued--;
    });
}

/**
 * The trash folder of a sandboxes folder, only when it is a real folder of
 * ours: a link there (an agent can write next to its sandbox) must never
 * receive a sandbox or have its target emptied.
 */
function trashOf(sandboxesDir: string, create: boolean): string | null {
  const trash = path.join(sandboxesDir, TRASH);
  try {
    if (create) fs.mkdirSync(trash, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(trash, { throwIfNoEntry: false });
    if (!st?.isDirectory()) return null;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return null;
    return trash;
  } catch {
    return null;
  }
}

/**
 * Gets a finished sandbox out of the way at once and deletes it in the
 * background: a sandbox of a big project takes seconds to delete, and the
 * task need not hold its queue slot (or wait to be COMPLETED) for that. A
 * sandbox in the engine's `sandboxes` folder is renamed into its trash (one
 * system call); anything else is deleted before this returns. Resolves once
 * `sandboxDir` is gone from where it was.
 */
export async function discardSandbox(sandboxDir: string): Promise<void> {
  const real = await sandboxToDelete(sandboxDir);
  if (real === null) return;
  const isLink = fs
    .lstatSync(path.resolve(sandboxDir), { throwIfNoEntry: false })
    ?.isSymbolicLink();
  if (!isLink && path.basename(path.dirname(real)) === 'sandboxes') {
    const trash = trashOf(path.dirname(real), true);
    if (trash) {
      const target = path.join(trash, `${path.basename(real)}-${randomUUID()}`);
      try {
        fs.renameSync(real, target);
        deleteInBackground(target);
        return;
      } catch {
        // Could not move it (a mount point, permissions): delete it here.
      }
    }
  }
  await removeSandbox(sandboxDir);
}

/** At start-up: whatever the trash holds was being deleted when the app stopped. */
export function emptyTrash(sandboxesDir: string): void {
  const trash = trashOf(sandboxesDir, false);
  if (!trash) return;
  let entries: string[];
  try {
    entries = fs.readdirSync(trash);
  } catch {
    return;
  }
  for (const entry of entries) deleteInBackground(path.join(trash, entry));
}

/** Waits (at most `timeoutMs`) for the background deletes; what is left is done at the next start. */
export async function discardsSettled(timeoutMs: number): Promise<void> {
  if (queued === 0) return;
  await Promise.race([queue, sleep(timeoutMs, undefined, { ref: false })]);
}
