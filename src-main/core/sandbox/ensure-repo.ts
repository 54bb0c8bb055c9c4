import { constants as fsConstants, existsSync, promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import { identityArgs, runGit } from '../git/run-git';
import { SandboxError } from './errors';
import { currentBranch } from './repo-info';

const INITIAL_COMMIT_MESSAGE = 'chore: initial commit';

async function assertUsableDir(projectDir: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(projectDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SandboxError(`Project folder does not exist: ${projectDir}`);
    throw new SandboxError(`Project folder cannot be read: ${projectDir} (${code ?? 'error'})`);
  }
  if (!stat.isDirectory()) throw new SandboxError(`Project path is not a folder: ${projectDir}`);
  try {
    await fs.access(projectDir, fsConstants.R_OK | fsConstants.X_OK);
    await fs.readdir(projectDir);
  } catch (err) {
    // It may have gone between the two looks.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SandboxError(`Project folder does not exist: ${projectDir}`);
    }
    throw new SandboxError(`Project folder cannot be read: ${projectDir}`);
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** What ensureRepo learnt about the project, so nobody has to ask git again. */
export interface RepoFacts {
  initialized: boolean;
  bare: boolean;
  /** The checked-out branch, or null when HEAD is detached. */
  branch: string | null;
}

/**
 * Makes `projectDir` a repository with at least one commit, so it can be
 * cloned: a plain folder gets `git init` + an initial commit of everything in
 * it (as the seed did). An existing repository is never changed. One git
 * process answers every question about an existing one (a sandbox is made per
 * task, and each git start blocks the engine's event loop for a fork).
 */
export async function ensureRepo(projectDir: string): Promise<RepoFacts> {
  await assertUsableDir(projectDir);

  // rev-parse prints each answer in order and stops at the first it cannot
  // give: an unborn HEAD leaves the last line out (exit 1); outside any
  // repository nothing is printed.
  const probe = await runGit(
    [
      'rev-parse',
      '--is-bare-repository',
      '--is-inside-git-dir',
      '--absolute-git-dir',
      '--show-cdup',
      '--verify',
      '-q',
      '--symbolic-full-name',
      'HEAD',
    ],
    { cwd: projectDir, allowFail: true },
  );
  const lines = probe.stdout.split('\n');
  const [bareLine, insideGitDir, gitDir = ''] = lines;
  if (bareLine === 'true' || bareLine === 'false') {
    const bare = bareLine === 'true';
    if (bare ? !gitDir || !samePath(gitDir, projectDir) : insideGitDir === 'true') {
      throw new SandboxError(`Project folder ${projectDir} is inside a git directory`);
    }
    // A bare repository has no cdup to print; HEAD names a ref or is detached.
    const cdup = bare ? '' : (lines[3] ?? '');
    const ref = lines.slice(3).find((l) => l === 'HEAD' || l.startsWith('refs/'));
    // Initialising a nested repository inside someone's repo would be a surprise;
    // cloning a subfolder is impossible. Say so instead of guessing.
    if (!bare && cdup !== '') {
      const topLevel = path.resolve(projectDir, cdup);
      throw new SandboxError(
        `Project folder ${projectDir} is a subfolder of the git repository ${topLevel}. ` +
          `Use ${topLevel} as the project folder, or run "git init" in ${projectDir}.`,
      );
    }
    if (probe.code !== 0 || ref === undefined) {
      throw new SandboxError(
        `The git repository ${projectDir} has no commits yet; make a first commit`,
      );
    }
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
    return { initialized: false, bare, branch };
  }
  // Only a folder with no repository of its own is made one: one git cannot
  // read (corrupt, unsupported format, no HEAD) is reported, never re-initialised
  // over, which would commit the user's uncommitted work on top of their branch.
  const why = probe.stderr.trim().split('\n').slice(-5).join('\n');
  if (!/not a git repository/i.test(probe.stderr)) {
    throw new SandboxError(`git cannot read the repository at ${projectDir}: ${why}`);
  }
  if (existsSync(path.join(projectDir, '.git'))) {
    throw new SandboxError(
      `${projectDir} has a .git that git cannot read (${why}); repair it, or remove it to start afresh`,
    );
  }

  try {
    await runGit(['init', '-q'], { cwd: projectDir });
    await runGit(['add', '-A'], { cwd: projectDir });
    const identity = await identityArgs(projectDir);
    await runGit(
      [...identity, 'commit', '-q', '--no-verify', '--allow-empty', '-m', INITIAL_COMMIT_MESSAGE],
      { cwd: projectDir },
    );
  } catch (err) {
    throw new SandboxError(
      `Could not make ${projectDir} a git repository: ${(err as Error).message}`,
    );
  }
  return { initialized: true, bare: false, branch: await currentBranch(projectDir) };
}
