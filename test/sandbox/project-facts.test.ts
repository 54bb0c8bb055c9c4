import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src-main/core/sandbox';
import {
  git,
  isolateGitIdentity,
  makeBareRepo,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
  sandboxPath,
  writeGlobalConfig,
} from '../support/git-repos';

// createSandbox remembers a project's facts between tasks; these tests count
// the git processes it starts (through a logging `git` first on PATH) and
// change what git reads behind its back.

const SETTLE_MS = 2100; // project-facts.ts: files changed within 2 s are not trusted
const logFile = path.join(makeTempDir(), 'git-calls.log');
const sandboxes = makeTempDir();
let n = 0;

function installGitLogger(): void {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = makeTempDir();
  fs.writeFileSync(
    path.join(bin, 'git'),
    [
      '#!/bin/sh',
      `printf '%s\\n' "$*" >> '${logFile}'`,
      // SLOW_REMOTE: answer \`remote get-url\` late, after reading the config on time.
      'case "$*" in *"remote get-url"*) if [ -n "$SLOW_REMOTE" ]; then',
      `  out=$('${realGit}' "$@"); rc=$?; sleep "$SLOW_REMOTE"; printf '%s\\n' "$out"; exit $rc`,
      'fi;; esac',
      `exec '${realGit}' "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
}

/** Makes a sandbox of `project`; returns its source and the git commands it ran. */
async function sandboxOf(project: string) {
  fs.writeFileSync(logFile, '');
  const { source } = await createSandbox({
    projectDir: project,
    useOrigin: false,
    sandboxDir: sandboxPath(sandboxes, `s${++n}`),
  });
  const calls = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  // The subcommand of each call, past git's own `-c key=value` options.
  const commands = calls.map((c) =>
    c.split(' ').find((w, i, all) => !w.startsWith('-') && all[i - 1] !== '-c'),
  );
  return { source, commands };
}

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

beforeAll(() => {
  isolateGitIdentity();
  installGitLogger();
});
afterAll(removeTempDirs);

describe('project facts between tasks', () => {
  it('a project that did not change costs only the clone; each kind of change is seen', async () => {
    const unchanged = makeWorkingCopy();
    const remoteAdded = makeWorkingCopy();
    const branchSwitched = makeWorkingCopy();
    const viaInclude = makeWorkingCopy();
    const included = path.join(makeTempDir(), 'included.gitconfig');
    fs.writeFileSync(included, '[core]\n\tquotepath = false\n');
    git(viaInclude, 'config', 'include.path', included);
    const viaEnv = makeWorkingCopy();
    const removed = makeWorkingCopy();
    const bare = makeBareRepo({ branch: 'trunk' });
    const otherBare = makeBareRepo({ branch: 'trunk' });
    git(viaEnv, 'remote', 'add', 'local', bare);
    const all = [unchanged, remoteAdded, branchSwitched, viaInclude, viaEnv, removed];
    await settle();
    for (const project of all) await sandboxOf(project);

    // Remembered: no git process but the clone.
    for (const project of all) expect((await sandboxOf(project)).commands).toEqual(['clone']);

    git(remoteAdded, 'remote', 'add', 'local', bare);
    expect((await sandboxOf(remoteAdded)).source).toEqual({
      url: bare,
      kind: 'bare',
      branch: 'trunk',
    });

    git(branchSwitched, 'checkout', '-q', '-b', 'feature');
    expect((await sandboxOf(branchSwitched)).source.branch).toBe('feature');

    fs.appendFileSync(included, `[remote "local"]\n\turl = ${bare}\n`);
    expect((await sandboxOf(viaInclude)).source.kind).toBe('bare');

    // Another global config (the environment names it) rewrites the project's remote.
    expect((await sandboxOf(viaEnv)).source.url).toBe(bare);
    const before = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = writeGlobalConfig(
      `[url "${otherBare}"]\n\tinsteadOf = ${bare}\n`,
    );
    try {
      expect((await sandboxOf(viaEnv)).source.url).toBe(otherBare);
    } finally {
      process.env.GIT_CONFIG_GLOBAL = before;
    }

    fs.rmSync(removed, { recursive: true });
    await expect(sandboxOf(removed)).rejects.toThrow(`Project folder does not exist: ${removed}`);

    expect((await sandboxOf(unchanged)).commands).toEqual(['clone']);
  });

  it('does not remember facts when a file changed while git was being asked', async () => {
    const project = makeWorkingCopy();
    const bare = makeBareRepo({ branch: 'trunk' });
    await settle();
    process.env.SLOW_REMOTE = '2.5';
    try {
      setTimeout(() => git(project, 'remote', 'add', 'local', bare), 500);
      // Read before the remote was added, answered after it: stale, and not kept.
      expect((await sandboxOf(project)).source.kind).toBe('working-copy');
    } finally {
      delete process.env.SLOW_REMOTE;
    }
    expect((await sandboxOf(project)).source).toEqual({ url: bare, kind: 'bare', branch: 'trunk' });
  });

  it('does not remember what it read from files that had only just changed', async () => {
    const fresh = makeWorkingCopy();
    await sandboxOf(fresh);
    expect((await sandboxOf(fresh)).commands).toEqual(['rev-parse', 'remote', 'config', 'clone']);
  });
});
