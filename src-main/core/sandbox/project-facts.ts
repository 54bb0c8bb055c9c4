import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '../git/run-git';
import { resolveCloneSource } from './clone-source';
import { ensureRepo, type RepoFacts } from './ensure-repo';
import type { SandboxSource } from './types';

/** What createSandbox must know about a project before it clones it. */
export interface ProjectFacts {
  repo: RepoFacts;
  source: SandboxSource;
}

interface Remembered {
  facts: ProjectFacts;
  /** The files git answered from; the facts hold while none of them changes. */
  files: string[];
  signature: string;
}

/** Enough for every project a user works on; the oldest goes first. */
const MAX_PROJECTS = 256;
/**
 * Facts are not remembered when a file they came from changed after this long
 * before git was first asked: it may have changed after git read it (file
 * system time granularity and clock skew included).
 */
const SETTLE_MS = 2000;
const remembered = new Map<string, Remembered>();

/**
 * The project's facts (a repository with commits, where to clone from),
 * remembered between tasks while the files git read them from are unchanged:
 * asking git costs two or three processes per task, and every process start
 * blocks the engine for a fork. What is watched: HEAD and the config files of
 * the project and of a local source it names (a `local` remote), every config
 * file git reported reading (global, system, includes), the standard global and
 * system locations even while absent, and git's environment. A change to any of
 * them, or a project folder that went away, asks git again.
 */
export async function projectFacts(
  projectDir: string,
  opts: { useOrigin: boolean },
): Promise<ProjectFacts> {
  const dir = path.resolve(projectDir);
  const key = `${opts.useOrigin ? 'origin' : 'local'}\0${dir}`;
  const known = remembered.get(key);
  if (known && (await signature(known.files)) === known.signature) return copy(known.facts);
  remembered.delete(key);

  // A file changed after this moment may have changed after git read it.
  const askedAt = Date.now();
  const repo = await ensureRepo(dir);
  const source = await resolveCloneSource(dir, { useOrigin: opts.useOrigin, known: repo });
  const facts = { repo, source };
  const files = await watchedFiles(dir, repo, source);
  if (files) {
    const sig = await signature(files, askedAt - SETTLE_MS);
    if (sig !== null) {
      remembered.set(key, { facts: copy(facts), files, signature: sig });
      if (remembered.size > MAX_PROJECTS) remembered.delete(remembered.keys().next().value!);
    }
  }
  return facts;
}

function copy(facts: ProjectFacts): ProjectFacts {
  return { repo: { ...facts.repo }, source: { ...facts.source } };
}

/** The git directory of a repository at `dir` when it is a plain one we can watch. */
async function plainGitDir(dir: string, bare: boolean): Promise<string | null> {
  if (bare) return dir;
  // A `.git` file (linked worktree, submodule) keeps its config elsewhere: not remembered.
  const st = await fs.promises.lstat(path.join(dir, '.git')).catch(() => null);
  return st?.isDirectory() ? path.join(dir, '.git') : null;
}

/** Null when the facts should not be remembered at all. */
async function watchedFiles(
  dir: string,
  repo: RepoFacts,
  source: SandboxSource,
): Promise<string[] | null> {
  // A network source is cloned over the network anyway; its branch is a ref, not config.
  if (source.kind === 'remote') return null;
  const gitDir = await plainGitDir(dir, repo.bare);
  if (!gitDir) return null;
  const files = [
    path.join(gitDir, 'HEAD'),
    path.join(gitDir, 'config'),
    path.join(gitDir, 'config.worktree'),
  ];
  if (path.resolve(source.url) !== dir) {
    const sourceGitDir = await plainGitDir(source.url, source.kind === 'bare');
    if (!sourceGitDir) return null;
    files.push(path.join(sourceGitDir, 'HEAD'), path.join(sourceGitDir, 'config'));
  }
  const home = process.env.HOME ?? os.homedir();
  const xdg = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
  files.push(path.join(home, '.gitconfig'), path.join(xdg, 'git', 'config'), '/etc/gitconfig');
  // Every file git read config from, includes among them, wherever they are.
  const listed = await runGit(['config', '--list', '--show-origin', '--name-only', '-z'], {
    cwd: dir,
    allowFail: true,
  });
  if (listed.code !== 0) return null;
  const fields = listed.stdout.split('\0');
  for (let i = 0; i < fields.length; i += 2) {
    const origin = fields[i] ?? '';
    if (origin.startsWith('file:')) files.push(path.resolve(dir, origin.slice('file:'.length)));
  }
  return [...new Set(files)];
}

/**
 * Identity, size and times of each file (or its absence), and git's
 * environment. With `settledBefore`, null when a file changed after that time.
 * Asked off the event loop, all at once: the project may be on a network mount.
 */
async function signature(files: string[], settledBefore?: number): Promise<string | null> {
  const settled = settledBefore === undefined ? null : BigInt(settledBefore) * 1_000_000n;
  const stats = await Promise.all(
    files.map((file) =>
      fs.promises.stat(file, { bigint: true }).then(
        (st) => st,
        (err: NodeJS.ErrnoException) => err.code ?? 'error',
      ),
    ),
  );
  const parts: string[] = [];
  for (const st of stats) {
    if (typeof st === 'string') {
      parts.push(st);
      continue;
    }
    if (settled !== null && (st.mtimeNs > settled || st.ctimeNs > settled)) return null;
    parts.push(`${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`);
  }
  for (const [k, v] of Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k.startsWith('GIT_') || k === 'HOME' || k === 'XDG_CONFIG_HOME') parts.push(`${k}=${v}`);
  }
  return parts.join('\n');
}
