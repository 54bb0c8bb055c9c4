import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCloneSource, SandboxError } from '../../src-main/core/sandbox';
import {
  git,
  isolateGitIdentity,
  makeBareRepo,
  makeTempDir,
  makeWorkingCopy,
  removeTempDirs,
} from '../support/git-repos';

beforeAll(isolateGitIdentity);
afterAll(removeTempDirs);

describe('resolveCloneSource', () => {
  it('uses the working copy itself when there is no `local` remote', async () => {
    const wc = makeWorkingCopy({ branch: 'dev' });
    expect(await resolveCloneSource(wc, { useOrigin: false })).toEqual({
      url: wc,
      kind: 'working-copy',
      branch: 'dev',
    });
  });

  it('prefers a remote named `local` over the working copy and over origin', async () => {
    const wc = makeWorkingCopy();
    const local = makeBareRepo({ branch: 'trunk' });
    const origin = makeBareRepo({ branch: 'main' });
    git(wc, 'remote', 'add', 'origin', origin);
    git(wc, 'remote', 'add', 'local', local);
    for (const useOrigin of [false, true]) {
      expect(await resolveCloneSource(wc, { useOrigin })).toEqual({
        url: local,
        kind: 'bare',
        branch: 'trunk',
      });
    }
  });

  it('resolves a relative `local` path from the project', async () => {
    const wc = makeWorkingCopy();
    const local = makeBareRepo();
    git(wc, 'remote', 'add', 'local', path.relative(wc, local));
    expect((await resolveCloneSource(wc, { useOrigin: false })).url).toBe(local);
  });

  it('ignores origin unless the project opted in', async () => {
    const wc = makeWorkingCopy();
    git(wc, 'remote', 'add', 'origin', makeBareRepo());
    expect(await resolveCloneSource(wc, { useOrigin: false })).toMatchObject({
      url: wc,
      kind: 'working-copy',
    });
  });

  it('uses origin when the project opted in', async () => {
    const wc = makeWorkingCopy();
    const origin = makeBareRepo({ branch: 'trunk' });
    git(wc, 'remote', 'add', 'origin', origin);
    expect(await resolveCloneSource(wc, { useOrigin: true })).toEqual({
      url: origin,
      kind: 'bare',
      branch: 'trunk',
    });
  });

  it('reports a network origin as a remote, and never picks it without opting in', async () => {
    const wc = makeWorkingCopy();
    const url = 'git@example.invalid:someone/project.git';
    git(wc, 'remote', 'add', 'origin', url);
    expect((await resolveCloneSource(wc, { useOrigin: false })).kind).toBe('working-copy');
    expect(await resolveCloneSource(wc, { useOrigin: true })).toEqual({
      url,
      kind: 'remote',
      branch: null,
    });
  });

  it('reports a detached working copy with branch null', async () => {
    const wc = makeWorkingCopy({ commits: 2 });
    git(wc, 'checkout', '-q', '--detach', 'HEAD~1');
    expect((await resolveCloneSource(wc, { useOrigin: false })).branch).toBeNull();
  });

  it('fails clearly when `local` points nowhere', async () => {
    const wc = makeWorkingCopy();
    const missing = path.join(makeTempDir(), 'gone.git');
    git(wc, 'remote', 'add', 'local', missing);
    const err = await resolveCloneSource(wc, { useOrigin: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as Error).message).toContain(`points to ${missing}, which does not exist`);
  });
});
