import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task, TaskDetail } from '../../src-shared/domain';
import { isRunning } from '../../src-main/core/runner/process-table';
import { scenario } from '../support/fake-claude';
import { makeTempDir, makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import { CLI, startServe, type ServeProcess } from '../support/serve-process';

const running: ServeProcess[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.child.kill('SIGKILL');
  removeTempDirs();
});

async function start(dataDir: string, home: string): Promise<ServeProcess> {
  const s = await startServe({ dataDir, home });
  running.push(s);
  return s;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null> | T | null, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readPid = (file: string): number | null =>
  fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()
    ? Number(fs.readFileSync(file, 'utf8').trim())
    : null;

describe('claudomator serve', () => {
  it('prints its URL, keeps data private, and shuts down cleanly on SIGTERM', async () => {
    const root = makeTempDir();
    const dataDir = path.join(root, 'data');
    const s = await start(dataDir, root);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.statSync(path.join(dataDir, 'api-token')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
    // The token is printed once, in the page's address, and nowhere else.
    expect(s.output().split(s.token)).toHaveLength(2);
    expect(s.output()).toContain(`Open the UI: ${s.url}/#token=${s.token}`);
    const health = await fetch(`${s.url}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true });

    const project = makeWorkingCopy();
    const created = await s.api<Task>('POST', '/api/tasks', {
      projectPath: project,
      instructions: `x\n${scenario([{ bash: 'echo $PPID > agent.pid' }, { sleep: 60_000 }])}`,
    });
    expect(created.status).toBe(201);
    const sandbox = await waitFor('sandbox', async () => {
      const t = (await s.api<TaskDetail>('GET', `/api/tasks/${created.body.id}`)).body.task;
      return t.sandboxDir;
    });
    const agentPid = await waitFor('agent pid', () => readPid(path.join(sandbox, 'agent.pid')));
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(isRunning(agentPid)).toBe(false);
    const db = new Database(path.join(dataDir, 'claudomator.db'), { readonly: true });
    const row = db.prepare('SELECT state, session_id FROM tasks WHERE id = ?').get(created.body.id);
    db.close();
    expect(row).toMatchObject({ state: 'INTERRUPTED' });
    expect(s.output().split(s.token)).toHaveLength(2);
  });

  it('after kill -9: stops orphaned agents, marks tasks interrupted, and resumes them', async () => {
    const root = makeTempDir();
    const dataDir = path.join(root, 'data');
    const project = makeWorkingCopy();
    const first = await start(dataDir, root);
    const ids: string[] = [];
    const tees: string[] = [];
    for (let i = 0; i < 3; i++) {
      const tee = path.join(root, `agent-${i}.out`);
      tees.push(tee);
      const r = await first.api<Task>('POST', '/api/tasks', {
        projectPath: project,
        instructions: `task ${i}\n${scenario(
          [
            { bash: 'echo $PPID > agent.pid' },
            { spawn: { pidFile: 'grandchild.pid', seconds: 300 } },
            { text: `before crash ${i}` },
            { sleep: 1500 },
            // Written while Claudomator is dead: still lands in the log.
            { flood: { lines: 2000, bytes: 100 } },
            { sleep: 60_000 },
            { commit: { path: `after-${i}.txt`, content: 'x', message: `resumed ${i}` } },
          ],
          { tee },
        )}`,
      });
      ids.push(r.body.id);
    }
    await first.api('PATCH', '/api/settings', { maxConcurrency: 3 });
    const pids: number[] = [];
    for (const id of ids) {
      const sandbox = await waitFor('sandbox', async () => {
        return (await first.api<TaskDetail>('GET', `/api/tasks/${id}`)).body.task.sandboxDir;
      });
      pids.push(await waitFor('agent pid', () => readPid(path.join(sandbox, 'agent.pid'))));
      pids.push(
        await waitFor('grandchild pid', () => readPid(path.join(sandbox, 'grandchild.pid'))),
      );
    }
    // Let the transcript of each agent reach the log before the crash.
    await waitFor('logs', async () => {
      for (const id of ids) {
        const d = (await first.api<TaskDetail>('GET', `/api/tasks/${id}`)).body;
        const log = fs.readFileSync(d.executions[0]!.stdoutPath, 'utf8');
        if (!log.includes('before crash')) return null;
      }
      return true;
    });
    first.child.kill('SIGKILL');
    await first.exited;
    // The orphans keep writing while nobody watches.
    await waitFor(
      'output after the crash',
      () => tees.every((t) => fs.readFileSync(t, 'utf8').split('\n').length > 2000) || null,
    );
    // The crash orphaned the agents (they run in their own process groups).
    expect(pids.every(isRunning)).toBe(true);

    const second = await start(dataDir, root);
    expect(pids.some(isRunning)).toBe(false);
    const db = new Database(path.join(dataDir, 'claudomator.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    for (const id of ids) {
      const d = (await second.api<TaskDetail>('GET', `/api/tasks/${id}`)).body;
      expect(d.task.state).toBe('INTERRUPTED');
      expect(d.executions[0]!.state).toBe('INTERRUPTED');
      expect(fs.existsSync(d.task.sandboxDir!)).toBe(true);
      // The log holds exactly what the agent wrote, including what it wrote
      // after Claudomator died (its output goes straight to the file).
      const log = fs.readFileSync(d.executions[0]!.stdoutPath);
      expect(log.equals(fs.readFileSync(tees[ids.indexOf(id)]!))).toBe(true);
      expect(log.toString()).toContain('before crash');
      // So does the transcript: every line, those written after the crash too.
      const lines = log.toString().split('\n').filter(Boolean).length;
      expect(lines).toBeGreaterThan(2000);
      const events = await second.api<{ lastSeq: number }>(
        'GET',
        `/api/executions/${d.executions[0]!.id}/events?limit=1`,
      );
      expect(events.body.lastSeq + 1).toBe(lines);
    }
    const retried = await second.api<Task>('POST', `/api/tasks/${ids[0]}/retry`);
    expect(retried.body.state).toBe('QUEUED');
    const done = await waitFor('completion', async () => {
      const d = (await second.api<TaskDetail>('GET', `/api/tasks/${ids[0]}`)).body;
      return d.task.state === 'COMPLETED' ? d : null;
    });
    const [crashed, resumed] = done.executions;
    expect(resumed!.kind).toBe('resume');
    expect(resumed!.sessionId).toBe(crashed!.sessionId);
    expect(resumed!.sandboxDir).toBe(crashed!.sandboxDir);
    expect(resumed!.commits.map((c) => c.subject)).toEqual(['resumed 0']);
  }, 180_000);

  it('rejects bad arguments and a port in use with a clear message', async () => {
    const bad = (args: string[]): { code: number; out: string } => {
      try {
        execFileSync(process.execPath, [CLI, ...args], { stdio: 'pipe' });
        return { code: 0, out: '' };
      } catch (err) {
        const e = err as { status: number; stderr: Buffer };
        return { code: e.status, out: e.stderr.toString() };
      }
    };
    expect(bad(['serve', '--port', 'abc'])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/--port needs a number/),
    });
    expect(bad(['serve', '--bogus'])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/unknown option --bogus/),
    });
    const root = makeTempDir();
    const s = await start(path.join(root, 'a'), root);
    const port = new URL(s.url).port;
    const busy = bad(['serve', '--data-dir', path.join(root, 'b'), '--port', port]);
    expect(busy.code).toBe(1);
    expect(busy.out).toMatch(/port is in use/);
  });
});
