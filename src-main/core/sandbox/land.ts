import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Commit } from '../../../src-shared/domain';
import { identityArgs, runGit } from '../git/run-git';
import { autoCommit, listCommits } from './commits';
import { SandboxError } from './errors';
import { discardSandbox } from './discard-sandbox';
import {
  assertBranchName,
  canonicalUrl,
  describeUrl,
  originHeadBranch,
  upstreamBranch,
} from './repo-info';
import { withSourceLock } from './source-lock';
import type { LandResult, SandboxSource } from './types';

export interface LandOptions {
  sandboxDir: string;
  /** HEAD when the sandbox was created. */
  baseHead: string;
  /** Where a working-copy source receives the commits, e.g. `claudomator/<task>`. */
  taskBranch: string;
}

/** Rebase-and-retry rounds after the first push is rejected. */
const MAX_PUSH_RETRIES = 3;

// Someone else moved the branch first (or was updating it at that instant).
const RETRYABLE_PUSH =
  /\((fetch first|non-fast-forward)\)|failed to (update|lock) ref|cannot lock ref|incorrect old value/i;

function lastLines(text: string, n = 20): string {
  return text.trim().split('\n').slice(-n).join('\n');
}

/** The source, re-derived from the sandbox's origin so nothing else needs storing. */
async function sandboxSource(sandboxDir: string): Promise<SandboxSource> {
  const r = await runGit(['config', '--get', 'remote.origin.url'], {
    cwd: sandboxDir,
    allowFail: true,
  });
  const url = r.stdout.trim();
  if (r.code !== 0 || !url) throw new SandboxError('The sandbox has no "origin" remote to land to');
  const source = await describeUrl(url, sandboxDir, 'The sandbox\'s "origin" remote');
  if (source.kind === 'remote') source.branch = await originHeadBranch(sandboxDir);
  return source;
}

async function targetBranch(
  sandboxDir: string,
  source: SandboxSource,
  taskBranch: string,
): Promise<string> {
  if (source.kind === 'working-copy') {
    await assertBranchName(taskBranch, 'Task branch');
    return taskBranch;
  }
  // The branch the sandbox was cloned onto (the source's default, or the branch
  // createSandbox was asked for); else whatever the source has checked out.
  const branch = (await upstreamBranch(sandboxDir)) ?? source.branch;
  if (!branch) {
    throw new SandboxError(`Cannot tell which branch of ${source.url} to push to`);
  }
  return branch;
}

/** Refuses to move a branch the user has checked out in any worktree of their copy. */
async function assertNotCheckedOut(workingCopy: string, branch: string): Promise<void> {
  const r = await runGit(['worktree', 'list', '--porcelain'], { cwd: workingCopy });
  let worktree = workingCopy;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('worktree ')) worktree = line.slice('worktree '.length);
    if (line === `branch refs/heads/${branch}`) {
      throw new SandboxError(
        `${branch} is checked out in ${worktree}; Claudomator will not move a branch you have checked out. ` +
          'Switch to another branch and retry.',
      );
    }
  }
}

async function rebaseOnto(sandboxDir: string, upstream: string, where: string): Promise<void> {
  const identity = await identityArgs(sandboxDir);
  const rebase = await runGit(
    [
      ...identity,
      '-c',
      'rebase.autoStash=false',
      '-c',
      'rebase.autoSquash=false',
      '-c',
      'rebase.updateRefs=false',
      'rebase',
      '-q',
      '--no-verify',
      upstream,
    ],
    { cwd: sandboxDir, allowFail: true },
  );
  if (rebase.code === 0) return;
  const unmerged = await runGit(['diff', '--name-only', '--diff-filter=U', '-z'], {
    cwd: sandboxDir,
    allowFail: true,
  });
  const files = [...new Set(unmerged.stdout.split('\0').filter(Boolean))];
  // Leave the sandbox as the agent left it, not half-rebased.
  await runGit(['rebase', '--abort'], { cwd: sandboxDir, allowFail: true });
  if (files.length > 0) {
    throw new SandboxError(
      `The task's commits conflict with changes already on ${where}: ${files.join(', ')}`,
      { conflictFiles: files },
    );
  }
  throw new SandboxError(
    `Could not rebase onto ${where}: ${lastLines(rebase.stderr || rebase.stdout)}`,
  );
}

/**
 * Pushes HEAD to `branch` of the sandbox's origin; when someone else got there
 * first, fetches, rebases onto their work and tries again. Returns the commits
 * that landed (rebasing changes their hashes).
 */
async function pushWithRetry(
  sandboxDir: string,
  source: SandboxSource,
  branch: string,
  commits: Commit[],
): Promise<Commit[]> {
  const ref = `refs/heads/${branch}`;
  const tracking = `refs/remotes/origin/${branch}`;
  const where = `${branch} in ${source.url}`;
  let current = commits;
  for (let retry = 0; ; retry++) {
    const push = await runGit(['push', '-q', 'origin', `HEAD:${ref}`], {
      cwd: sandboxDir,
      allowFail: true,
    });
    if (push.code === 0) return current;
    const output = `${push.stderr}\n${push.stdout}`;
    if (!RETRYABLE_PUSH.test(output)) {
      throw new SandboxError(`git push to ${where} failed:\n${lastLines(output)}`);
    }
    if (retry >= MAX_PUSH_RETRIES) {
      throw new SandboxError(
        `git push to ${where} was still rejected after ${MAX_PUSH_RETRIES} rebases:\n${lastLines(output)}`,
      );
    }
    await runGit(['fetch', '-q', '--no-tags', 'origin', `+${ref}:${tracking}`], {
      cwd: sandboxDir,
    });
    await rebaseOnto(sandboxDir, tracking, where);
    current = await listCommits(sandboxDir, tracking);
    // Everything the task did is already there (e.g. an identical change landed).
    if (current.length === 0) return current;
  }
}

async function land(opts: LandOptions): Promise<LandResult> {
  const { sandboxDir, baseHead, taskBranch } = opts;
  if (!existsSync(sandboxDir)) throw new SandboxError(`The sandbox ${sandboxDir} no longer exists`);
  // A file check, not a git process: status below fails clearly on a broken repository.
  if (!existsSync(path.join(sandboxDir, '.git'))) {
    throw new SandboxError(`${sandboxDir} is not a git sandbox`);
  }

  const leftovers = await autoCommit(sandboxDir);
  const unchanged = !leftovers.committed && leftovers.headBefore === baseHead;
  const commits = unchanged ? [] : await listCommits(sandboxDir, baseHead);
  if (commits.length === 0) {
    await discardSandbox(sandboxDir);
    return { commits: [], landed: false, target: null, removed: true };
  }

  const source = await sandboxSource(sandboxDir);
  const branch = await targetBranch(sandboxDir, source, taskBranch);
  const landed = await withSourceLock(canonicalUrl(source.url, sandboxDir), async () => {
    if (source.kind === 'working-copy') await assertNotCheckedOut(source.url, branch);
    return pushWithRetry(sandboxDir, source, branch, commits);
  });

  // The commits are safe in the source now; a sandbox that will not go away is not a failure.
  const removed = await discardSandbox(sandboxDir).then(
    () => true,
    () => false,
  );
  if (landed.length === 0) return { commits: [], landed: false, target: null, removed };
  return {
    commits: landed,
    landed: true,
    target: { kind: source.kind, url: source.url, ref: `refs/heads/${branch}`, branch },
    removed,
  };
}

/**
 * Teardown of a finished execution: commits leftovers, then brings the new
 * commits back to the source and deletes the sandbox. Any failure keeps the
 * sandbox and says where it is.
 */
export async function landSandbox(opts: LandOptions): Promise<LandResult> {
  try {
    return await land(opts);
  } catch (err) {
    const kept = path.resolve(opts.sandboxDir);
    const note = existsSync(kept) ? ` (sandbox preserved at ${kept})` : '';
    const base = err instanceof Error ? err.message : String(err);
    const wrapped = new SandboxError(`Landing the sandbox failed: ${base}${note}`, {
      sandboxDir: kept,
      ...(err instanceof SandboxError && err.conflictFiles
        ? { conflictFiles: err.conflictFiles }
        : {}),
    });
    throw wrapped;
  }
}
