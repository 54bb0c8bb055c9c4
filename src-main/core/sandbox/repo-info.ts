import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGit } from '../git/run-git';
import { SandboxError } from './errors';
import type { SandboxSource } from './types';

/** The checked-out branch of a repository (bare or not), or null when HEAD is detached. */
export async function currentBranch(repoDir: string): Promise<string | null> {
  const r = await runGit(['symbolic-ref', '-q', '--short', 'HEAD'], {
    cwd: repoDir,
    allowFail: true,
  });
  return r.code === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

export async function isBareRepo(repoDir: string): Promise<boolean> {
  const r = await runGit(['rev-parse', '--is-bare-repository'], { cwd: repoDir, allowFail: true });
  return r.code === 0 && r.stdout.trim() === 'true';
}

/**
 * The local directory a remote URL names, or null for a network URL. Relative
 * paths are taken from `baseDir` (the repository the remote belongs to), as git does.
 */
export function localPathOf(url: string, baseDir: string): string | null {
  if (url.startsWith('file://')) return fileURLToPath(url);
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) return null;
  const isWindowsDrive = /^[a-zA-Z]:[\\/]/.test(url);
  // scp-like `host:path`: a colon before the first slash.
  if (!isWindowsDrive && /^[^/\\]*:/.test(url)) return null;
  return path.resolve(baseDir, url);
}

/** Canonical spelling of a source, so two routes to one repository share a lock. */
export function canonicalUrl(url: string, baseDir: string): string {
  const local = localPathOf(url, baseDir);
  if (local === null) return url;
  try {
    return realpathSync(local);
  } catch {
    return local;
  }
}

/** Describes a remote URL as a sandbox source. `label` names it in errors. */
export async function describeUrl(
  url: string,
  baseDir: string,
  label: string,
): Promise<SandboxSource> {
  const local = localPathOf(url, baseDir);
  if (local === null) return { url, kind: 'remote', branch: null };
  if (!existsSync(local)) {
    throw new SandboxError(`${label} points to ${local}, which does not exist`);
  }
  const bare = await isBareRepo(local);
  return { url: local, kind: bare ? 'bare' : 'working-copy', branch: await currentBranch(local) };
}

/** Rejects names git would refuse, or read as an option. */
export async function assertBranchName(name: string, what: string): Promise<void> {
  const r = name.startsWith('-')
    ? { code: 1 }
    : await runGit(['check-ref-format', `refs/heads/${name}`], { allowFail: true });
  if (r.code !== 0) throw new SandboxError(`${what} "${name}" is not a valid git branch name`);
}

/** The branch a clone's `origin/HEAD` names: the source's default branch at clone time. */
export async function originHeadBranch(cloneDir: string): Promise<string | null> {
  const r = await runGit(['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'], {
    cwd: cloneDir,
    allowFail: true,
  });
  const ref = r.stdout.trim();
  const prefix = 'refs/remotes/origin/';
  return r.code === 0 && ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
}

/** The origin branch the clone's current branch tracks, e.g. `trunk`; null if none. */
export async function upstreamBranch(cloneDir: string): Promise<string | null> {
  const branch = await currentBranch(cloneDir);
  if (!branch) return null;
  const get = async (key: string) => {
    const r = await runGit(['config', '--get', `branch.${branch}.${key}`], {
      cwd: cloneDir,
      allowFail: true,
    });
    return r.code === 0 ? r.stdout.trim() : '';
  };
  const [remote, merge] = await Promise.all([get('remote'), get('merge')]);
  return remote === 'origin' && merge.startsWith('refs/heads/')
    ? merge.slice('refs/heads/'.length)
    : null;
}
