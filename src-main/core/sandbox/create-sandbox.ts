import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGit } from '../git/run-git';
import { headOf } from './commits';
import { headFromFiles } from './head-file';
import { SandboxError } from './errors';
import { projectFacts } from './project-facts';
import { markerPath, removeSandbox } from './remove-sandbox';
import { assertBranchName, currentBranch, originHeadBranch } from './repo-info';
import type { SandboxSource } from './types';

// Run by git through `sh -c`; the quotes keep the shell from globbing `*`.
const UPLOAD_PACK = "git -c 'safe.directory=*' upload-pack";
const RECEIVE_PACK = "git -c 'safe.directory=*' receive-pack";

export interface CreateSandboxOptions {
  projectDir: string;
  useOrigin: boolean;
  /** Must not exist yet; its parent is created. */
  sandboxDir: string;
  /** Check this branch out instead of the default, when the source has it. */
  branch?: string;
}

async function checkoutIfPresent(sandboxDir: string, branch: string): Promise<void> {
  const exists = await runGit(['rev-parse', '--verify', '-q', `refs/remotes/origin/${branch}`], {
    cwd: sandboxDir,
    allowFail: true,
  });
  if (exists.code !== 0) return;
  if ((await currentBranch(sandboxDir)) === branch) return;
  // -B with a remote-tracking start point sets the upstream, which land uses as its target.
  await runGit(['checkout', '-q', '-B', branch, '--track', `origin/${branch}`], {
    cwd: sandboxDir,
  });
}

/**
 * Clones the project into `sandboxDir` for one execution and returns the source
 * and the HEAD at start (to find the commits the run makes).
 */
export async function createSandbox(
  opts: CreateSandboxOptions,
): Promise<{ source: SandboxSource; baseHead: string }> {
  const { projectDir, sandboxDir } = opts;
  if (opts.branch !== undefined) await assertBranchName(opts.branch, 'Branch');
  // A plain folder is made a repository first (ensureRepo).
  const { source } = await projectFacts(projectDir, { useOrigin: opts.useOrigin });

  if (existsSync(sandboxDir)) {
    throw new SandboxError(`Sandbox folder already exists: ${sandboxDir}`);
  }
  // The sandboxes folder is ours and local: synchronous metadata calls here and
  // below cost microseconds, where each async one waits its turn on a busy loop.
  mkdirSync(path.dirname(sandboxDir), { recursive: true });

  // Our `-c safe.directory=*` does not reach the git serving a local source (git
  // clears config from the environment for it), so a project owned by another OS
  // user needs the serving side to carry it too; the remote config (written by
  // clone --config) keeps it for later fetches and pushes (land's and the agent's own).
  const localTransport =
    source.kind === 'remote'
      ? []
      : [
          '--upload-pack',
          UPLOAD_PACK,
          '--config',
          `remote.origin.uploadpack=${UPLOAD_PACK}`,
          '--config',
          `remote.origin.receivepack=${RECEIVE_PACK}`,
        ];
  try {
    // A local source's object files are hard-linked where the file system
    // allows it (git copies them otherwise: another device, another owner).
    // Git never rewrites an object file, so the sandbox stays whole whatever
    // happens to the source: gc, repack, prune or delete. No alternates: the
    // seed's --no-hardlinks only added a copy of the whole object store.
    await runGit(
      [
        '-c',
        'advice.detachedHead=false',
        'clone',
        '-q',
        ...localTransport,
        // A user's clone.defaultRemoteName must not hide the source from landSandbox.
        '--origin',
        'origin',
        '--end-of-options',
        source.url,
        sandboxDir,
      ],
      {},
    );
  } catch (err) {
    throw new SandboxError(`Could not clone ${source.url}: ${(err as Error).message}`);
  }

  try {
    writeFileSync(markerPath(sandboxDir), `${new Date().toISOString()}\n`);
    if (opts.branch !== undefined) await checkoutIfPresent(sandboxDir, opts.branch);
    // For a network source only the clone knows the real default branch.
    if (source.kind === 'remote') source.branch = await originHeadBranch(sandboxDir);
    const baseHead = headFromFiles(sandboxDir) ?? (await headOf(sandboxDir));
    if (!baseHead) {
      throw new SandboxError(
        `The clone of ${source.url} has nothing checked out (its HEAD branch has no commits)`,
      );
    }
    return { source, baseHead };
  } catch (err) {
    await removeSandbox(sandboxDir).catch(() => undefined);
    if (err instanceof SandboxError) throw err;
    throw new SandboxError(`Could not prepare sandbox ${sandboxDir}: ${(err as Error).message}`);
  }
}
