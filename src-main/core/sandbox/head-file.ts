import fs from 'node:fs';
import path from 'node:path';

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function packedRef(gitDir: string, ref: string): string | null {
  const packed = readText(path.join(gitDir, 'packed-refs'));
  if (packed === null) return null;
  for (const line of packed.split('\n')) {
    // "<id> <ref>"; '#' starts the header, '^' a peeled tag's target.
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1) === ref) return line.slice(0, space);
  }
  return null;
}

/**
 * HEAD's commit read from the files of a repository we just cloned ourselves
 * (a `.git` folder, files ref backend), without starting git: a sandbox is
 * made per task and every process start blocks the event loop for a fork.
 * Synchronous: two small files in our own sandboxes folder.
 * Null when the files do not say plainly (another ref backend, a symbolic ref
 * chain, anything odd): the caller then asks git.
 */
export function headFromFiles(repoDir: string): string | null {
  const gitDir = path.join(repoDir, '.git');
  const head = readText(path.join(gitDir, 'HEAD'))?.trim();
  if (!head) return null;
  if (OBJECT_ID.test(head)) return head;
  if (!head.startsWith('ref: refs/heads/')) return null;
  const ref = head.slice('ref: '.length);
  // A ref name never climbs out of refs/ (git refuses "..").
  if (ref.split('/').includes('..')) return null;
  const id = readText(path.join(gitDir, ...ref.split('/')))?.trim() ?? packedRef(gitDir, ref);
  return id && OBJECT_ID.test(id) ? id : null;
}
