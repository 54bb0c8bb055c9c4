import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../src-shared/contract';
import type { Task, TerminalInfo } from '../../src-shared/domain';
import { isRunning, sessionMembers } from '../../src-main/core/runner/process-table';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { git, logSubjects, makeWorkingCopy, removeTempDirs } from '../support/git-repos';

let h: Harness;
let project: string;
/** The last TAIL characters each terminal printed (a flood is counted, not kept). */
let output: Map<string, string>;
let printedChars: Map<string, number>;
const TAIL = 64 * 1024;
let exits: Map<string, TerminalInfo>;
let offs: (() => void)[];

beforeEach(async () => {
  h = await startHarness();
  project = makeWorkingCopy();
  output = new Map();
  printedChars = new Map();
  exits = new Map();
  const bus = h.serving.engine.bus;
  offs = [
    bus.on('terminal.output', (e: EventPayloads['terminal.output']) => {
      const count = printedChars.get(e.id) ?? 0;
      // Offsets let a viewer line chunks up; here they must be contiguous.
      expect(e.offset).toBe(count);
      printedChars.set(e.id, count + e.data.length);
      output.set(e.id, ((output.get(e.id) ?? '') + e.data).slice(-TAIL));
    }),
    bus.on('terminal.exit', (info) => void exits.set(info.id, info)),
  ];
});
afterEach(async () => {
  for (const off of offs) off();
  await h.close();
  removeTempDirs();
});

async function until<T>(
  what: string | (() => string),
  get: () => T | undefined | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const printed = (id: string, text: string | RegExp, ms?: number) =>
  until(
    () =>
      `${String(text)}; the terminal printed ${JSON.stringify((output.get(id) ?? '').slice(-600))}`,
    () => {
      const out = output.get(id) ?? '';
      return typeof text === 'string' ? out.includes(text) : text.test(out);
    },
    ms,
  );

const shell = (taskId: string) =>
  h.call('terminals.open', { taskId, kind: 'shell', cols: 80, rows: 24 });

async function blockedTask(): Promise<Task> {
  const t = await h.call('tasks.create', {
    projectPath: project,
    instructions: withScenario('ask', scenario([{ ask: { text: 'Which colour?' } }])),
  });
  return h.waitFor(t.id, 'BLOCKED');
}

describe('terminals', () => {
  it("opens the user's shell in the task's sandbox with the agent's environment", async () => {
    const task = await blockedTask();
    const term = await shell(task.id);
    expect(term).toMatchObject({
      taskId: task.id,
      kind: 'shell',
      cwd: task.sandboxDir,
      running: true,
    });
    await h.call('terminals.input', {
      id: term.id,
      data: 'echo "at:$(pwd) task:$CLAUDOMATOR_TASK_ID sum:$((6*7))"\r',
    });
    await printed(term.id, `at:${fs.realpathSync(task.sandboxDir!)} task:${task.id} sum:42`);

    // Resize reaches the pty.
    const resized = await h.call('terminals.resize', { id: term.id, cols: 123, rows: 31 });
    expect(resized).toMatchObject({ cols: 123, rows: 31 });
    await h.call('terminals.input', { id: term.id, data: 'stty size\r' });
    await printed(term.id, /[\r\n]31 123\r\n/);

    // What it printed is kept for a view that opens later.
    const back = await h.call('terminals.scrollback', { id: term.id });
    expect(back.offset).toBe(0);
    expect(back.data).toBe(output.get(term.id));
    expect(await h.call('terminals.list', { taskId: task.id })).toHaveLength(1);

    await h.call('terminals.input', { id: term.id, data: 'exit 7\r' });
    const exit = await until('the exit', () => exits.get(term.id));
    expect(exit).toMatchObject({ running: false, exitCode: 7 });
  });

  it('opens in the project folder when the task has no sandbox', async () => {
    const t = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('done', scenario([])),
    });
    await h.waitFor(t.id, 'COMPLETED');
    const term = await shell(t.id);
    expect(term.cwd).toBe(project);
    await h.call('terminals.close', { id: term.id });
  });

  it('closing ends the whole session: jobs in their own groups, and ones that ignore SIGHUP', async () => {
    const task = await blockedTask();
    const term = await shell(task.id);
    await h.call('terminals.input', {
      id: term.id,
      data: "(trap '' HUP TERM; exec sleep 300) & echo JOB:$!; sh -c 'trap \"\" HUP; sleep 300' & echo JOB:$!\r",
    });
    await printed(term.id, /JOB:\d+[\s\S]*JOB:\d+/);
    const jobs = [...(output.get(term.id) ?? '').matchAll(/JOB:(\d+)/g)].map((m) => Number(m[1]));
    const shellPid = sessionMembers(jobs.length ? readSid(jobs[0]!) : -1);
    expect(jobs.every(isRunning)).toBe(true);
    expect(shellPid.length).toBeGreaterThanOrEqual(3);

    await h.call('terminals.close', { id: term.id });
    expect(jobs.filter(isRunning)).toEqual([]);
    expect(sessionMembers(readSid(jobs[0]!))).toEqual([]);
    expect(await h.call('terminals.list', {})).toEqual([]);
    await expect(h.call('terminals.input', { id: term.id, data: 'x' })).rejects.toThrow(
      /no terminal/,
    );
  });

  it('a 50 MB flood is delivered in frames, paced, and leaves memory bounded', async () => {
    const task = await blockedTask();
    const term = await shell(task.id);
    let events = 0;
    let largest = 0;
    const off = h.serving.engine.bus.on('terminal.output', (e) => {
      if (e.id !== term.id) return;
      events++;
      largest = Math.max(largest, e.data.length);
    });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    // 50 MB of 'y' lines, then a marker the shell computes (the echoed command line must not match).
    await h.call('terminals.input', {
      id: term.id,
      data: 'head -c 52428800 /dev/zero | tr "\\0" y | fold -w 99; echo FLOOD-$((40+2))\r',
    });
    try {
      await printed(term.id, /FLOOD-42\r\n/, 120_000);
    } finally {
      clearInterval(sampler);
      off();
    }
    const total = printedChars.get(term.id) ?? 0;
    expect(total).toBeGreaterThan(50 * 1024 * 1024);
    // Batched: far fewer events than pty reads, none beyond one frame's allowance (+ one read).
    expect(events).toBeLessThan(total / 4096);
    expect(largest).toBeLessThanOrEqual(128 * 1024 + 64 * 1024);
    // Only the scrollback (2 M characters) is kept.
    const back = await h.call('terminals.scrollback', { id: term.id });
    expect(back.data.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(back.offset + back.data.length).toBe(total);
    // Nothing holds the flood: the process grows by scrollback and churn, not by 50 MB copies.
    expect((peak - before) / 2 ** 20).toBeLessThan(150);
    await h.call('terminals.close', { id: term.id });
  }, 180_000);

  it('take over: claude --resume in the sandbox; the queue waits; then land the commits', async () => {
    const task = await blockedTask();
    const term = await h.call('terminals.open', {
      taskId: task.id,
      kind: 'takeover',
      cols: 80,
      rows: 24,
    });
    expect(term).toMatchObject({ kind: 'takeover', cwd: task.sandboxDir });
    await printed(term.id, `Resumed session ${task.sessionId}`);
    await expect(h.call('tasks.answer', { id: task.id, answer: 'red' })).rejects.toThrow(
      /taken over/,
    );
    await expect(h.call('tasks.land', { id: task.id })).rejects.toThrow(/taken over/);
    await expect(
      h.call('terminals.open', { taskId: task.id, kind: 'takeover', cols: 80, rows: 24 }),
    ).rejects.toThrow(/already taken over/);

    await h.call('terminals.input', { id: term.id, data: 'hello there\r' });
    await printed(term.id, 'you said "hello there"');
    await h.call('terminals.input', { id: term.id, data: '/commit colour.txt red\r' });
    await printed(term.id, 'committed');
    await h.call('terminals.input', { id: term.id, data: '/exit 0\r' });
    await until('the exit', () => exits.get(term.id));

    const landed = await h.call('tasks.land', { id: task.id });
    expect(landed.state).toBe('COMPLETED');
    expect(logSubjects(project, `claudomator/${task.id}`)).toContain('take-over: colour.txt');
    expect(git(project, 'show', `claudomator/${task.id}:colour.txt`)).toBe('red');
    expect(h.serving.engine.store.tasks.history(task.id).at(-1)).toMatchObject({
      from: 'BLOCKED',
      to: 'COMPLETED',
      actor: 'user',
    });
  });

  it('refuses a take-over of a task that is not stopped, and bad input', async () => {
    const t = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('done', scenario([])),
    });
    await h.waitFor(t.id, 'COMPLETED');
    await expect(
      h.call('terminals.open', { taskId: t.id, kind: 'takeover', cols: 80, rows: 24 }),
    ).rejects.toThrow(/only a stopped task/);
    await expect(
      h.call('terminals.open', { taskId: 'nope', kind: 'shell', cols: 80, rows: 24 }),
    ).rejects.toThrow(/no task/);
    await expect(
      h.call('terminals.open', { taskId: t.id, kind: 'shell', cols: 0, rows: 24 }),
    ).rejects.toThrow(/cols/);
    await expect(h.call('tasks.land', { id: t.id })).rejects.toThrow(/only a stopped task/);
  });

  it('deleting a task ends its terminals before its sandbox goes', async () => {
    const task = await blockedTask();
    const term = await shell(task.id);
    await h.call('terminals.input', { id: term.id, data: 'echo PID:$$\r' });
    await printed(term.id, /PID:\d+/);
    const pid = Number(/PID:(\d+)/.exec(output.get(term.id)!)![1]);
    await h.call('tasks.delete', { id: task.id });
    expect(isRunning(pid)).toBe(false);
    expect(await h.call('terminals.list', {})).toEqual([]);
    expect(fs.existsSync(task.sandboxDir!)).toBe(false);
  });

  it('closing the engine ends every terminal', async () => {
    const task = await blockedTask();
    const term = await shell(task.id);
    await h.call('terminals.input', { id: term.id, data: 'echo PID:$$\r' });
    await printed(term.id, /PID:\d+/);
    const pid = Number(/PID:(\d+)/.exec(output.get(term.id)!)![1]);
    await h.close();
    expect(isRunning(pid)).toBe(false);
    h = await startHarness(); // afterEach closes it
  });
});

function readSid(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
}
