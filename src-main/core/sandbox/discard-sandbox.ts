import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeSandbox } from './remove-sandbox';
import { removeTree } from './remove-tree';

/** Inside the sandboxes folder: sandboxes that are done with, still being deleted. */
const TRASH = '.trash';
const pending = new Set<Promise<void>>();

function trashOf(sandboxesDir: string): string {
  return path.join(sandboxesDir, TRASH);
}

function deleteInBackground(dir: string): void {
  // A failure leaves it in the trash, which the next start empties.
  const job: Promise<void> = removeTree(dir)
    .catch(() => undefined)
    .finally(() => pending.delete(job));
  pending.add(job);
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
  const dir = path.resolve(sandboxDir);
  const st = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory() && path.basename(path.dirname(dir)) === 'sandboxes') {
    const trash = trashOf(path.dirname(dir));
    const target = path.join(trash, `${path.basename(dir)}-${randomUUID()}`);
    try {
      fs.mkdirSync(trash, { recursive: true, mode: 0o700 });
      fs.renameSync(dir, target);
      deleteInBackground(target);
      return;
    } catch {
      // Could not move it (another file system, permissions): delete it here.
    }
  }
  await removeSandbox(dir);
}

/** At start-up: whatever the trash holds was being deleted when the app stopped. */
export function emptyTrash(sandboxesDir: string): void {
  const trash = trashOf(sandboxesDir);
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
  if (pending.size === 0) return;
  await Promise.race([Promise.all([...pending]), sleep(timeoutMs, undefined, { ref: false })]);
}
