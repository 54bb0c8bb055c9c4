import type { MergeResult } from '../../../src-shared/domain';
import { conflict } from '../errors';
import { identityArgs, runGit } from './run-git';

/**
 * Merges a task's landing branch into the branch the user has checked out —
 * only when asked, and only into a clean working tree: uncommitted changes are
 * never touched, and a conflicting merge is undone, naming the files.
 */
export async function mergeIntoCheckedOut(repo: string, branch: string): Promise<MergeResult> {
  const head = await runGit(['symbolic-ref', '-q', '--short', 'HEAD'], {
    cwd: repo,
    allowFail: true,
  });
  const into = head.stdout.trim();
  if (head.code !== 0 || !into)
    throw conflict('the project has a detached HEAD; check out a branch first');
  const exists = await runGit(['rev-parse', '--verify', '-q', `refs/heads/${branch}`], {
    cwd: repo,
    allowFail: true,
  });
  if (exists.code !== 0) throw conflict(`branch ${branch} does not exist in ${repo}`);
  const status = await runGit(['status', '--porcelain', '--untracked-files=no'], { cwd: repo });
  if (status.stdout.trim()) {
    throw conflict(`${repo} has uncommitted changes; commit or stash them before merging`);
  }
  const merge = await runGit(
    [...(await identityArgs(repo)), 'merge', '--no-edit', `refs/heads/${branch}`],
    { cwd: repo, allowFail: true },
  );
  if (merge.code !== 0) {
    const files = await runGit(['diff', '--name-only', '--diff-filter=U'], {
      cwd: repo,
      allowFail: true,
    });
    await runGit(['merge', '--abort'], { cwd: repo, allowFail: true });
    const names = files.stdout.trim().split('\n').filter(Boolean);
    throw conflict(
      names.length
        ? `merging ${branch} into ${into} conflicts in ${names.join(', ')}; nothing was changed`
        : `merging ${branch} into ${into} failed: ${(merge.stderr || merge.stdout).trim()}`,
    );
  }
  const head2 = (await runGit(['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim();
  const tip = (await runGit(['rev-parse', `refs/heads/${branch}`], { cwd: repo })).stdout.trim();
  return { branch, into, fastForward: head2 === tip };
}
