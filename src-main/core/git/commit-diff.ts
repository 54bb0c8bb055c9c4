import type { CommitDiff } from '../../../src-shared/domain';
import { runGit } from './run-git';

const MAX_DIFF_CHARS = 2 * 1024 * 1024;

/**
 * `git show` of a commit, from the first of `repos` that has it (the kept
 * sandbox, the clone source, the project). Capped so a vendored blob cannot
 * freeze the UI.
 */
export async function commitDiff(
  hash: string,
  repos: readonly string[],
): Promise<CommitDiff | null> {
  for (const repo of repos) {
    const has = await runGit(['cat-file', '-e', `${hash}^{commit}`], {
      cwd: repo,
      allowFail: true,
    });
    if (has.code !== 0) continue;
    const r = await runGit(['show', '--no-color', '--stat', '--patch', '--format=fuller', hash], {
      cwd: repo,
    });
    const truncated = r.stdout.length > MAX_DIFF_CHARS;
    return { hash, diff: truncated ? r.stdout.slice(0, MAX_DIFF_CHARS) : r.stdout, truncated };
  }
  return null;
}
