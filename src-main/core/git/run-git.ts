import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunGitOptions {
  cwd?: string;
  /** Added on top of the inherited environment (after the locale is forced). */
  env?: NodeJS.ProcessEnv;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFail?: boolean;
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stdout: string,
    readonly stderr: string,
    readonly cwd: string | undefined,
  ) {
    const where = cwd ? ` (in ${cwd})` : '';
    const detail = (stderr.trim() || stdout.trim()).split('\n').slice(-20).join('\n');
    super(
      `git ${args.join(' ')} failed with exit code ${code}${where}${detail ? `:\n${detail}` : ''}`,
    );
    this.name = 'GitError';
  }
}

/** Who the app's own commits are by, when the machine has no identity of its own. */
export const CLAUDOMATOR_IDENTITY = { name: 'Claudomator', email: 'claudomator@localhost' };

// Inherited variables that would point git at some other repository than `cwd`
// (e.g. when the app is launched from inside a git hook).
const REPO_OVERRIDES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_PREFIX',
  'GIT_COMMON_DIR',
];

function gitEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of REPO_OVERRIDES) delete env[key];
  return {
    ...env,
    // English, unlocalised messages: callers match on "non-fast-forward" etc.
    LANG: 'C',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    // Unattended: never wait for a password or an editor nobody will see.
    GIT_TERMINAL_PROMPT: '0',
    GIT_EDITOR: 'true',
    GIT_SEQUENCE_EDITOR: 'true',
    GIT_MERGE_AUTOEDIT: 'no',
    ...extra,
  };
}

/**
 * Runs git with an argument array (never a shell). `-c safe.directory=*` lets us
 * work on projects owned by another OS user, as the seed did.
 */
export function runGit(args: readonly string[], opts: RunGitOptions = {}): Promise<GitResult> {
  const fullArgs = ['-c', 'safe.directory=*', ...args];
  return new Promise((resolve, reject) => {
    // spawn reports a missing cwd as ENOENT, which reads like "git not found".
    if (opts.cwd !== undefined && !existsSync(opts.cwd)) {
      reject(new GitError(args, -1, '', `directory does not exist: ${opts.cwd}`, opts.cwd));
      return;
    }
    const child = spawn('git', fullArgs, {
      cwd: opts.cwd,
      env: gitEnv(opts.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      const reason =
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'git is not installed or not on PATH'
          : e.message;
      reject(new GitError(args, -1, '', reason, opts.cwd));
    });
    child.on('close', (code, signal) => {
      const result: GitResult = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? (signal ? 128 : -1),
      };
      if (result.code !== 0 && !opts.allowFail) {
        reject(new GitError(args, result.code, result.stdout, result.stderr, opts.cwd));
      } else {
        resolve(result);
      }
    });
  });
}

async function configValue(cwd: string | undefined, key: string, scope: string[] = []) {
  const r = await runGit(['config', ...scope, '--get', key], { cwd, allowFail: true });
  return r.code === 0 ? r.stdout.trim() : '';
}

/**
 * `-c user.name=… -c user.email=…` for commits the app makes itself (initial
 * commit, autocommit, rebase), only for what the repository lacks: a user's own
 * identity always wins.
 */
export async function identityArgs(cwd: string): Promise<string[]> {
  const [name, email] = await Promise.all([
    configValue(cwd, 'user.name'),
    configValue(cwd, 'user.email'),
  ]);
  const args: string[] = [];
  if (!name) args.push('-c', `user.name=${CLAUDOMATOR_IDENTITY.name}`);
  if (!email) args.push('-c', `user.email=${CLAUDOMATOR_IDENTITY.email}`);
  return args;
}

/**
 * Identity variables for the agent's environment, set only where neither the
 * given environment nor the user's global/system git config has one, so the
 * agent's commits work on a machine nobody configured. `env` is the environment
 * the agent will get (its HOME decides which global config git reads).
 */
export async function gitIdentityEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, string>> {
  // Run outside any repository so a local config cannot answer for the globals.
  const configured = async (key: string): Promise<boolean> => {
    for (const scope of ['--global', '--system']) {
      const r = await runGit(['config', scope, '--get', key], { env, allowFail: true });
      if (r.code === 0 && r.stdout.trim()) return true;
    }
    return false;
  };
  const result: Record<string, string> = {};
  const fields = [
    ['name', CLAUDOMATOR_IDENTITY.name],
    ['email', CLAUDOMATOR_IDENTITY.email],
  ] as const;
  for (const [field, value] of fields) {
    const authorVar = `GIT_AUTHOR_${field.toUpperCase()}`;
    const committerVar = `GIT_COMMITTER_${field.toUpperCase()}`;
    if (await configured(`user.${field}`)) continue;
    if (!env[authorVar]) result[authorVar] = value;
    if (!env[committerVar]) result[committerVar] = value;
  }
  return result;
}
