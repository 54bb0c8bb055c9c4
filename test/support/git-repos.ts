// Real git repositories in temp dirs for the sandbox tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Identity for commits the tests make themselves (the machine has none). */
export const TEST_IDENTITY: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: 'Test User',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test User',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

const IDENTITY_VARS = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'EMAIL',
];

const tempDirs: string[] = [];

export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-'));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a global git config file with the given body and returns its path. */
export function writeGlobalConfig(body: string): string {
  const file = path.join(makeTempDir(), 'gitconfig');
  fs.writeFileSync(file, body);
  return file;
}

/**
 * Makes this test process (and every git it spawns) behave like a machine with
 * no git identity: an empty global config that also forbids guessing one from
 * the host name, no system config, no identity variables. Vitest runs each test
 * file in its own process, so this does not leak.
 */
export function isolateGitIdentity(): void {
  process.env.GIT_CONFIG_GLOBAL = writeGlobalConfig('[user]\n\tuseConfigOnly = true\n');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  for (const name of IDENTITY_VARS) delete process.env[name];
}

/** Runs git as the test itself would (with TEST_IDENTITY); returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'safe.directory=*', ...args], {
    cwd,
    env: { ...process.env, ...TEST_IDENTITY, LANG: 'C', LC_ALL: 'C' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function writeFile(repo: string, file: string, content: string): void {
  const full = path.join(repo, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
}

export function readFile(repo: string, file: string): string {
  return fs.readFileSync(path.join(repo, file), 'utf8');
}

/** Writes `file`, commits it as the test user and returns the new HEAD. */
export function commitFile(repo: string, file: string, content: string, message: string): string {
  writeFile(repo, file, content);
  git(repo, 'add', '--', file);
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

/** A working copy on `branch` with `commits` commits (file1.txt, file2.txt, …). */
export function makeWorkingCopy(opts: { dir?: string; commits?: number; branch?: string } = {}) {
  const dir = opts.dir ?? path.join(makeTempDir(), 'project');
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', opts.branch ?? 'main');
  for (let i = 1; i <= (opts.commits ?? 1); i++) {
    commitFile(dir, `file${i}.txt`, `line ${i}\n`, `commit ${i}`);
  }
  return dir;
}

/** A bare repository whose HEAD is `branch` (default `trunk`), holding `commits` commits. */
export function makeBareRepo(opts: { branch?: string; commits?: number } = {}): string {
  const branch = opts.branch ?? 'trunk';
  const seed = makeWorkingCopy({ commits: opts.commits ?? 1, branch });
  const bare = path.join(path.dirname(seed), 'source.git');
  git(path.dirname(seed), 'clone', '-q', '--bare', seed, bare);
  return bare;
}

/**
 * Pushes a commit to `bare`'s `branch` from a clone of its own, the way another
 * process or person would behind a sandbox's back. Returns the pushed commit.
 */
export function pushBehindTheBack(
  bare: string,
  branch: string,
  file: string,
  content: string,
  message: string,
): string {
  const clone = path.join(makeTempDir(), 'other');
  git(os.tmpdir(), 'clone', '-q', '-b', branch, bare, clone);
  const hash = commitFile(clone, file, content, message);
  git(clone, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
  return hash;
}

/** Subjects of `ref`'s history, oldest first. */
export function logSubjects(repo: string, ref = 'HEAD'): string[] {
  const out = git(repo, 'log', '--reverse', '--format=%s', ref);
  return out ? out.split('\n') : [];
}

export function refExists(repo: string, ref: string): boolean {
  try {
    git(repo, 'rev-parse', '--verify', '-q', ref);
    return true;
  } catch {
    return false;
  }
}

/** `<root>/sandboxes/<id>`: where the app keeps sandboxes. */
export function sandboxPath(root: string, id: string): string {
  return path.join(root, 'sandboxes', id);
}

/** A working copy whose `local` remote is a bare repo, both on `trunk` (no master/main anywhere). */
export function makeProjectWithBare(): { bare: string; wc: string; root: string } {
  const bare = makeBareRepo({ branch: 'trunk' });
  const wc = makeWorkingCopy({ branch: 'trunk' });
  git(wc, 'remote', 'add', 'local', bare);
  return { bare, wc, root: makeTempDir() };
}
