import path from 'node:path';
import { runGit } from '../git/run-git';
import { currentBranch, describeUrl, isBareRepo } from './repo-info';
import type { SandboxSource } from './types';

async function remoteUrl(projectDir: string, remote: string): Promise<string | null> {
  const r = await runGit(['remote', 'get-url', remote], { cwd: projectDir, allowFail: true });
  const url = r.stdout.trim();
  return r.code === 0 && url ? url : null;
}

/** The remote's HEAD branch as last fetched, without touching the network. */
async function remoteHeadBranch(projectDir: string, remote: string): Promise<string | null> {
  const r = await runGit(['symbolic-ref', '-q', `refs/remotes/${remote}/HEAD`], {
    cwd: projectDir,
    allowFail: true,
  });
  const ref = r.stdout.trim();
  const prefix = `refs/remotes/${remote}/`;
  return r.code === 0 && ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
}

async function fromRemote(projectDir: string, remote: string, url: string) {
  const source = await describeUrl(url, projectDir, `The git remote "${remote}" of ${projectDir}`);
  if (source.kind === 'remote') source.branch = await remoteHeadBranch(projectDir, remote);
  return source;
}

/**
 * Where a sandbox of `projectDir` is cloned from (and later pushed back to):
 * the remote named `local` (a local bare repo set up to take pushes), else the
 * working copy itself. `origin` only when the project opted in: the app must
 * never push to a network remote the user did not choose.
 */
export async function resolveCloneSource(
  projectDir: string,
  opts: {
    useOrigin: boolean;
    /** What is already known about the project itself (from ensureRepo): saves asking git. */
    known?: { bare: boolean; branch: string | null };
  },
): Promise<SandboxSource> {
  const local = await remoteUrl(projectDir, 'local');
  if (local) return fromRemote(projectDir, 'local', local);
  if (opts.useOrigin) {
    const origin = await remoteUrl(projectDir, 'origin');
    if (origin) return fromRemote(projectDir, 'origin', origin);
  }
  const dir = path.resolve(projectDir);
  const { bare, branch } = opts.known ?? {
    bare: await isBareRepo(dir),
    branch: await currentBranch(dir),
  };
  return { url: dir, kind: bare ? 'bare' : 'working-copy', branch };
}
