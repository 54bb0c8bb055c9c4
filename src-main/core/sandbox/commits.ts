import { existsSync } from 'node:fs';
import type { Commit } from '../../../src-shared/domain';
import { identityArgs, runGit } from '../git/run-git';

const AUTOCOMMIT_MESSAGE = 'chore: autocommit uncommitted changes';

/** The commit HEAD points at, or null (no such directory, not a repository, no commits). */
export async function headOf(dir: string): Promise<string | null> {
  if (!existsSync(dir)) return null;
  const r = await runGit(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], {
    cwd: dir,
    allowFail: true,
  });
  const head = r.stdout.trim();
  return r.code === 0 && head ? head : null;
}

export interface AutoCommitResult {
  committed: boolean;
  /** HEAD before any autocommit, as status saw it (null when unborn). */
  headBefore: string | null;
}

/**
 * Commits whatever the agent left uncommitted, so none of its work is lost
 * when the sandbox goes. Hooks are skipped: a failing project hook must not
 * strand the work in a sandbox. A clean sandbox costs one git process, which
 * also tells HEAD, so a run that changed nothing needs no other.
 */
export async function autoCommit(sandboxDir: string): Promise<AutoCommitResult> {
  // Untracked files listed whatever status.showUntrackedFiles says: an agent's
  // new files must not be missed and deleted with the sandbox.
  const status = await runGit(
    ['status', '--porcelain=v2', '--branch', '--no-ahead-behind', '--untracked-files=normal'],
    { cwd: sandboxDir },
  );
  let headBefore: string | null = null;
  let dirty = false;
  for (const line of status.stdout.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      const oid = line.slice('# branch.oid '.length).trim();
      headBefore = oid === '(initial)' ? null : oid;
    } else if (line !== '' && !line.startsWith('# ')) dirty = true;
  }
  if (!dirty) return { committed: false, headBefore };
  await runGit(['add', '-A'], { cwd: sandboxDir });
  // Status can list things `add` cannot stage (e.g. an unpopulated submodule).
  const staged = await runGit(['diff', '--cached', '--quiet'], {
    cwd: sandboxDir,
    allowFail: true,
  });
  if (staged.code === 0) return { committed: false, headBefore };
  const identity = await identityArgs(sandboxDir);
  await runGit([...identity, 'commit', '-q', '--no-verify', '-m', AUTOCOMMIT_MESSAGE], {
    cwd: sandboxDir,
  });
  return { committed: true, headBefore };
}

/** Commits in `fromRef..HEAD`, oldest first. */
export async function listCommits(sandboxDir: string, fromRef: string): Promise<Commit[]> {
  // NUL-separated fields: a subject may hold any printable character, '|' included.
  const r = await runGit(
    [
      '-c',
      'log.showSignature=false',
      'log',
      '-z',
      '--reverse',
      '--format=%H%x00%s',
      '--end-of-options',
      `${fromRef}..HEAD`,
      '--',
    ],
    { cwd: sandboxDir },
  );
  const fields = r.stdout.split('\0');
  const commits: Commit[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const hash = (fields[i] ?? '').trim();
    if (hash) commits.push({ hash, subject: fields[i + 1] ?? '' });
  }
  return commits;
}
