import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task, TaskDetail } from '../../src-shared/domain';
import { REAL_CLAUDE_BIN, realClaudeEnv, startFakeAnthropic } from '../support/fake-anthropic-api';
import { git, makeTempDir, makeWorkingCopy, removeTempDirs } from '../support/git-repos';
import { startServe, type ServeProcess } from '../support/serve-process';

// The real `claude` CLI driven by the real `claudomator serve`, against the
// stand-in Messages API on 127.0.0.1: real stream-json, real session files,
// real --resume.

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  removeTempDirs();
});

async function setup(): Promise<{ serve: ServeProcess; project: string }> {
  const api = await startFakeAnthropic();
  cleanup.push(() => api.close());
  const root = makeTempDir();
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const serve = await startServe({
    dataDir: path.join(root, 'data'),
    home,
    claudeBin: REAL_CLAUDE_BIN,
    env: realClaudeEnv({ apiUrl: api.url, home }),
    replaceEnv: true,
  });
  cleanup.push(() => void serve.child.kill('SIGKILL'));
  return { serve, project: makeWorkingCopy() };
}

async function until(serve: ServeProcess, id: string, state: string): Promise<TaskDetail> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const d = (await serve.api<TaskDetail>('GET', `/api/tasks/${id}`)).body;
    if (d.task.state === state) return d;
    if (Date.now() > deadline || ['FAILED', 'CANCELLED'].includes(d.task.state)) {
      throw new Error(`task is ${d.task.state} (${d.task.error ?? ''}), not ${state}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const script = (turns: unknown[]): string => `STANDIN_SCRIPT: ${JSON.stringify(turns)}`;

describe('the real claude CLI under serve', () => {
  it('runs a task that commits, and lands the commit', async () => {
    const { serve, project } = await setup();
    const created = await serve.api<Task>('POST', '/api/tasks', {
      projectPath: project,
      instructions: `Add hello.txt\n${script([
        { bash: 'echo hello > hello.txt && git add -A && git commit -qm "add hello"' },
        { text: 'Done: added hello.txt' },
      ])}`,
    });
    expect(created.status).toBe(201);
    const d = await until(serve, created.body.id, 'COMPLETED');
    const [exec] = d.executions;
    expect(exec!.sessionId).toBe(exec!.id);
    expect(exec!.exitCode).toBe(0);
    expect(exec!.costUsd).toBeGreaterThan(0);
    expect(exec!.commits.map((c) => c.subject)).toEqual(['add hello']);
    expect(git(project, 'log', '-1', '--format=%s', `claudomator/${d.task.id}`)).toBe('add hello');
    const events = await serve.api<{ events: { type: string; subtype: string | null }[] }>(
      'GET',
      `/api/executions/${exec!.id}/events`,
    );
    const kinds = events.body.events.map((e) => `${e.type}/${e.subtype ?? ''}`);
    expect(kinds[0]).toBe('system/init');
    expect(kinds).toContain('user/');
    expect(kinds.at(-1)).toBe('result/success');
  });

  it('blocks on a question, and the answer resumes the same session to completion', async () => {
    const { serve, project } = await setup();
    const created = await serve.api<Task>('POST', '/api/tasks', {
      projectPath: project,
      instructions: `Paint it\n${script([
        {
          bash: `printf '%s' '{"text":"Which colour?","options":["red","blue"]}' > "$CLAUDOMATOR_QUESTION_FILE"`,
        },
        { text: 'I asked a question and will wait for the answer.' },
        {
          bash: 'printf "%s" {{LAST_USER_TEXT}} > colour.txt && git add -A && git commit -qm "paint"',
        },
        { text: 'Painted.' },
      ])}`,
    });
    const blocked = await until(serve, created.body.id, 'BLOCKED');
    expect(blocked.task.question).toEqual({ text: 'Which colour?', options: ['red', 'blue'] });
    const answered = await serve.api<Task>('POST', `/api/tasks/${created.body.id}/answer`, {
      answer: 'blue',
    });
    expect(answered.status).toBe(200);
    const d = await until(serve, created.body.id, 'COMPLETED');
    const [asked, resumed] = d.executions;
    expect(resumed!.kind).toBe('resume');
    expect(resumed!.sessionId).toBe(asked!.sessionId);
    expect(resumed!.sandboxDir).toBe(asked!.sandboxDir);
    expect(resumed!.commits.map((c) => c.subject)).toEqual(['paint']);
    expect(git(project, 'show', `claudomator/${d.task.id}:colour.txt`)).toBe('blue');
    expect(d.questions[0]).toMatchObject({ answer: 'blue' });
  });
});
