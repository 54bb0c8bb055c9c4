import { promises as fs } from 'node:fs';
import path from 'node:path';

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

async function packedRef(gitDir: string, ref: string): Promise<string | null> {
  const packed = await readText(path.join(gitDir, 'packed-refs'));
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
 * Null when the files do not say plainly (another ref backend, a symbolic ref
 * chain, anything odd): the caller then asks git.
 */
export async function headFromFiles(repoDir: string): Promise<string | null> {
  const gitDir = path.join(repoDir, '.git');
  const head = (await readText(path.join(gitDir, 'HEAD')))?.trim();
  if (!head) return null;
  if (OBJECT_ID.test(head)) return head;
  if (!head.startsWith('ref: refs/heads/')) return null;
  const ref = head.slice('ref: '.length);
  // A ref name never climbs out of refs/ (git refuses "..").
  if (ref.split('/').includes('..')) return null;
  const id =
    (await readText(path.join(gitDir, ...ref.split('/'))))?.trim() ??
    (await packedRef(gitDir, ref));
  return id && OBJECT_ID.test(id) ? id : null;
}
