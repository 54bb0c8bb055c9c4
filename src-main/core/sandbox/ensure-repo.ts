import { constants as fsConstants, promises as fs, realpathSync } from 'node:fs';
import { identityArgs, runGit } from '../git/run-git';
import { SandboxError } from './errors';

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
  } catch {
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

/**
 * Makes `projectDir` a repository with at least one commit, so it can be
 * cloned: a plain folder gets `git init` + an initial commit of everything in
 * it (as the seed did). An existing repository is never changed.
 */
export async function ensureRepo(projectDir: string): Promise<{ initialized: boolean }> {
  await assertUsableDir(projectDir);

  const probe = await runGit(['rev-parse', '--is-bare-repository', '--absolute-git-dir'], {
    cwd: projectDir,
    allowFail: true,
  });
  if (probe.code === 0) {
    const [bare, gitDir] = probe.stdout.trim().split('\n');
    if (bare === 'true') {
      if (!gitDir || !samePath(gitDir, projectDir)) {
        throw new SandboxError(`Project folder ${projectDir} is inside a git directory`);
      }
    } else {
      const top = await runGit(['rev-parse', '--show-toplevel'], {
        cwd: projectDir,
        allowFail: true,
      });
      const topLevel = top.stdout.trim();
      if (top.code !== 0 || !topLevel) {
        throw new SandboxError(`Project folder ${projectDir} is inside a git directory`);
      }
      // Initialising a nested repository inside someone's repo would be a surprise;
      // cloning a subfolder is impossible. Say so instead of guessing.
      if (!samePath(topLevel, projectDir)) {
        throw new SandboxError(
          `Project folder ${projectDir} is a subfolder of the git repository ${topLevel}. ` +
            `Use ${topLevel} as the project folder, or run "git init" in ${projectDir}.`,
        );
      }
    }
    const head = await runGit(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], {
      cwd: projectDir,
      allowFail: true,
    });
    if (head.code !== 0) {
      throw new SandboxError(
        `The git repository ${projectDir} has no commits yet; make a first commit`,
      );
    }
    return { initialized: false };
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
  return { initialized: true };
}
