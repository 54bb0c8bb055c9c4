import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentConfig, Project, Task, TaskState } from '../../src-shared/domain';
import { AppError } from '../../src-main/core/errors';
import { Store } from '../../src-main/core/store';
import { DEFAULT_SETTINGS } from '../../src-main/core/store/settings-repo';

const agent: AgentConfig = {
  model: null,
  permissionMode: null,
  maxBudgetUsd: null,
  allowedTools: [],
  disallowedTools: [],
  skipPlanning: false,
  systemPromptAppend: null,
  contextDirs: [],
  additionalArgs: [],
  timeoutSeconds: null,
};

let dir: string;
let file: string;
let store: Store;
let project: Project;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
  file = path.join(dir, 'claudomator.db');
  store = Store.open(file);
  project = store.projects.insert({ name: 'proj', path: '/work/proj', useOrigin: false });
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function task(
  over: {
    name?: string;
    instructions?: string;
    priority?: number;
    state?: TaskState;
    parentId?: string | null;
  } = {},
): Task {
  return store.tasks.insert(
    {
      projectId: project.id,
      parentId: over.parentId ?? null,
      name: over.name ?? 'task',
      instructions: over.instructions ?? 'do things',
      priority: over.priority ?? 0,
      agent,
      state: over.state ?? 'QUEUED',
    },
    'user',
  );
}

function execution(taskId: string, sessionId: string = randomUUID()): string {
  const id = randomUUID();
  store.executions.insert({
    id,
    taskId,
    kind: 'fresh',
    sessionId,
    prompt: 'p',
    sandboxDir: null,
    stdoutPath: path.join(dir, id, 'stdout.log'),
    stderrPath: path.join(dir, id, 'stderr.log'),
    artifactDir: path.join(dir, id),
  });
  return id;
}

const appError = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
};

describe('TasksRepo', () => {
  it('insert writes the task and its first history entry', () => {
    const t = task({ name: 'first', state: 'QUEUED' });
    expect(store.tasks.get(t.id)).toMatchObject({
      name: 'first',
      state: 'QUEUED',
      projectId: project.id,
      agent,
      costUsd: 0,
      question: null,
    });
    expect(store.tasks.history(t.id)).toMatchObject([
      { taskId: t.id, from: null, to: 'QUEUED', actor: 'user', reason: null },
    ]);
  });

  it('subtasks share their parent’s root', () => {
    const parent = task();
    const child = task({ parentId: parent.id, state: 'PENDING' });
    const grandchild = task({ parentId: child.id, state: 'PENDING' });
    expect(store.tasks.internals(grandchild.id).rootId).toBe(parent.id);
    expect(store.tasks.children(parent.id).map((t) => t.id)).toEqual([child.id]);
  });

  it('transition changes state, applies the patch and writes history', () => {
    const t = task();
    const running = store.tasks.transition(t.id, 'RUNNING', {
      actor: 'system',
      reason: 'dispatched',
      patch: {
        sessionId: 's1',
        question: { text: 'q?', options: ['a'] },
        rateLimitAttempts: 2,
        nextPrompt: 'go on',
      },
    });
    expect(running).toMatchObject({
      state: 'RUNNING',
      sessionId: 's1',
      question: { text: 'q?', options: ['a'] },
      rateLimitAttempts: 2,
    });
    expect(store.tasks.internals(t.id).nextPrompt).toBe('go on');
    expect(store.tasks.history(t.id).map((h) => [h.from, h.to, h.actor, h.reason])).toEqual([
      [null, 'QUEUED', 'user', null],
      ['QUEUED', 'RUNNING', 'system', 'dispatched'],
    ]);
  });

  it('an illegal transition throws a conflict and writes nothing', () => {
    const t = task();
    const err = appError(() =>
      store.tasks.transition(t.id, 'COMPLETED', { actor: 'user', patch: { summary: 'x' } }),
    );
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('task cannot go from QUEUED to COMPLETED');
    expect(store.tasks.get(t.id)).toMatchObject({ state: 'QUEUED', summary: null });
    expect(store.tasks.get(t.id).updatedAt).toBe(t.updatedAt);
    expect(store.tasks.history(t.id)).toHaveLength(1);
  });

  it('the from guard refuses a task that moved on, and writes nothing', () => {
    const t = task();
    const err = appError(() =>
      store.tasks.transition(t.id, 'CANCELLED', { actor: 'user', from: ['RUNNING', 'BLOCKED'] }),
    );
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('task is QUEUED, not RUNNING or BLOCKED');
    expect(store.tasks.get(t.id).state).toBe('QUEUED');
    expect(store.tasks.history(t.id)).toHaveLength(1);
  });

  it('state change and history land in one transaction: a failing history write undoes the state', () => {
    const t = task();
    store.db.exec(`CREATE TRIGGER no_history BEFORE INSERT ON task_history
      BEGIN SELECT RAISE(ABORT, 'history is read-only'); END;`);
    expect(() =>
      store.tasks.transition(t.id, 'RUNNING', { actor: 'system', patch: { sessionId: 's' } }),
    ).toThrow('history is read-only');
    expect(store.tasks.get(t.id)).toMatchObject({ state: 'QUEUED', sessionId: null });
  });

  it('transition of an unknown task is not found', () => {
    expect(appError(() => store.tasks.transition('nope', 'RUNNING', { actor: 'user' })).code).toBe(
      'not_found',
    );
  });

  it('nextQueued: highest priority first, then oldest; only QUEUED', () => {
    task({ name: 'low', priority: -1 });
    task({ name: 'a0' });
    const b5 = task({ name: 'b5', priority: 5 });
    task({ name: 'blocked', priority: 100, state: 'BLOCKED' });
    task({ name: 'c0' });
    const d5 = task({ name: 'd5', priority: 5 });
    task({ name: 'pending', priority: 100, state: 'PENDING' });
    expect(store.tasks.nextQueued(10).map((t) => t.name)).toEqual(['b5', 'd5', 'a0', 'c0', 'low']);
    expect(store.tasks.nextQueued(2).map((t) => t.id)).toEqual([b5.id, d5.id]);
  });

  it('list: newest first, filters, paging and total', () => {
    const names = ['one', 'two', 'three', 'four'];
    for (const name of names) task({ name });
    const all = store.tasks.list({});
    expect(all.total).toBe(4);
    expect(all.tasks.map((t) => t.name)).toEqual([...names].reverse());
    const page = store.tasks.list({ limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.tasks.map((t) => t.name)).toEqual(['three', 'two']);
    task({ name: 'blocked', state: 'BLOCKED' });
    expect(store.tasks.list({ state: 'BLOCKED' }).tasks.map((t) => t.name)).toEqual(['blocked']);
  });

  it('list search matches name or instructions and treats % _ \\ literally', () => {
    task({ name: '100% done' });
    task({ name: '100 percent' });
    task({ name: 'snake_case' });
    task({ name: 'snakeXcase' });
    task({ name: 'plain', instructions: 'path C:\\dir' });
    task({ name: 'other', instructions: 'path C:dir' });
    const search = (s: string): string[] =>
      store.tasks
        .list({ search: s })
        .tasks.map((t) => t.name)
        .sort();
    expect(search('%')).toEqual(['100% done']);
    expect(search('0%')).toEqual(['100% done']);
    expect(search('_')).toEqual(['snake_case']);
    expect(search('e_c')).toEqual(['snake_case']);
    expect(search('\\')).toEqual(['plain']);
    expect(search('SNAKE')).toEqual(['snakeXcase', 'snake_case'].sort());
    expect(search('C:\\d')).toEqual(['plain']);
    expect(store.tasks.list({ search: '%' }).total).toBe(1);
  });

  it('a search of three characters or more is answered by the trigram index, with LIKE’s answers', () => {
    task({ name: 'Fix the Parser', instructions: 'x' });
    task({ name: 'other', instructions: 'the parser is slow' });
    task({ name: 'say "hi" twice', instructions: 'x' });
    task({ name: 'Ärger im Büro', instructions: 'x' });
    task({ name: 'ärger zuhause', instructions: 'x' });
    task({ name: 'nothing', instructions: 'here' });
    const search = (s: string): string[] =>
      store.tasks
        .list({ search: s })
        .tasks.map((t) => t.name)
        .sort();
    expect(search('PARSER')).toEqual(['Fix the Parser', 'other']);
    expect(search('"hi"')).toEqual(['say "hi" twice']);
    expect(search('hi" t')).toEqual(['say "hi" twice']);
    // LIKE folds ASCII case only; the index folds more, and must not widen LIKE's answer.
    expect(search('ärger')).toEqual(['ärger zuhause']);
    expect(search('Ärger')).toEqual(['Ärger im Büro']);
    expect(search('Büro')).toEqual(['Ärger im Büro']);
    expect(search('zzz')).toEqual([]);

    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM tasks
         WHERE seq IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)`,
      )
      .all('"parser"') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('the search index follows inserts, deletes and rows that existed before it', () => {
    const gone = task({ name: 'doomed parser' });
    task({ name: 'kept parser' });
    store.tasks.delete(gone.id);
    expect(store.tasks.list({ search: 'parser' }).tasks.map((t) => t.name)).toEqual([
      'kept parser',
    ]);
    // Rebuilding from the table (what migration 3 does on an existing database)
    // gives the same answers as the triggers kept.
    store.db.exec(`INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild')`);
    expect(store.tasks.list({ search: 'parser' }).total).toBe(1);
    // FTS5 throws SQLITE_CORRUPT_VTAB when the index and the table disagree.
    expect(() =>
      store.db
        .prepare(`INSERT INTO tasks_fts(tasks_fts, rank) VALUES ('integrity-check', 1)`)
        .run(),
    ).not.toThrow();
  });

  it('update and addCost change fields without a state change or history', () => {
    const t = task();
    store.tasks.update(t.id, { error: 'e', sandboxDir: '/s' });
    store.tasks.addCost(t.id, 0.25);
    store.tasks.addCost(t.id, 0.5);
    expect(store.tasks.get(t.id)).toMatchObject({
      state: 'QUEUED',
      error: 'e',
      sandboxDir: '/s',
      costUsd: 0.75,
    });
    expect(store.tasks.history(t.id)).toHaveLength(1);
  });

  it('deleting a task deletes its subtasks, history and executions', () => {
    const parent = task();
    const child = task({ parentId: parent.id, state: 'PENDING' });
    const e = execution(parent.id);
    expect(store.tasks.delete(parent.id)).toBe(true);
    expect(store.tasks.find(child.id)).toBeNull();
    expect(store.tasks.history(parent.id)).toEqual([]);
    expect(store.executions.find(e)).toBeNull();
    expect(store.tasks.delete(parent.id)).toBe(false);
  });
});

describe('SettingsRepo', () => {
  it('gives the defaults on a new database', () => {
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.defaultPermissionMode).toBe('bypassPermissions');
    expect(DEFAULT_SETTINGS.maxConcurrency).toBe(2);
  });

  it('set stores a patch, keeps the rest, and survives a reopen', () => {
    const after = store.settings.set({ maxConcurrency: 4, defaultModel: 'opus' });
    expect(after).toEqual({ ...DEFAULT_SETTINGS, maxConcurrency: 4, defaultModel: 'opus' });
    store.settings.set({ defaultModel: null, notifyOnComplete: true });
    store.close();
    store = Store.open(file);
    expect(store.settings.get()).toEqual({
      ...DEFAULT_SETTINGS,
      maxConcurrency: 4,
      defaultModel: null,
      notifyOnComplete: true,
    });
  });

  it('a read is a copy: changing it changes nothing, and the next set is seen at once', () => {
    const read = store.settings.get();
    read.maxConcurrency = 99;
    expect(store.settings.get().maxConcurrency).toBe(DEFAULT_SETTINGS.maxConcurrency);
    store.settings.set({ maxConcurrency: 3 });
    expect(store.settings.get().maxConcurrency).toBe(3);
  });

  it('internal values are kept apart from settings and can be cleared', () => {
    expect(store.settings.readInternal('queuePause')).toBeNull();
    store.settings.writeInternal('queuePause', { until: 'x' });
    store.settings.writeInternal('queuePause', { until: 'y' });
    expect(store.settings.readInternal<{ until: string }>('queuePause')).toEqual({ until: 'y' });
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS);
    store.settings.writeInternal('queuePause', null);
    expect(store.settings.readInternal('queuePause')).toBeNull();
  });
});

describe('EventsRepo', () => {
  it('append, page and lastSeq', () => {
    const t = task();
    const e = execution(t.id);
    const other = execution(t.id);
    expect(store.events.lastSeq(e)).toBe(-1);
    expect(store.events.page(e, -1, 10)).toEqual([]);
    const entries = Array.from({ length: 5 }, (_, seq) => ({
      seq,
      offset: seq * 10,
      length: 9,
      type: seq === 0 ? 'system' : 'assistant',
      subtype: seq === 0 ? 'init' : null,
    }));
    store.events.append(e, entries);
    store.events.append(other, [{ seq: 0, offset: 0, length: 1, type: 'x', subtype: null }]);
    store.events.append(e, []);
    expect(store.events.lastSeq(e)).toBe(4);
    expect(store.events.page(e, -1, 2)).toEqual(entries.slice(0, 2));
    expect(store.events.page(e, 1, 100)).toEqual(entries.slice(2));
    expect(store.events.page(e, 4, 100)).toEqual([]);
    expect(store.events.lastSeq(other)).toBe(0);
  });

  it('events need an existing execution', () => {
    expect(() =>
      store.events.append('no-such-execution', [
        { seq: 0, offset: 0, length: 1, type: 'x', subtype: null },
      ]),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('ExecutionsRepo', () => {
  it('insert starts RUNNING; update and commits round-trip', () => {
    const t = task();
    const id = execution(t.id, 's1');
    expect(store.executions.get(id)).toMatchObject({
      taskId: t.id,
      state: 'RUNNING',
      sessionId: 's1',
      costUsd: 0,
      commits: [],
    });
    store.executions.update(id, { state: 'COMPLETED', exitCode: 0, sessionStarted: true, pid: 42 });
    store.executions.setCommits(id, [
      { hash: 'abc', subject: 'one' },
      { hash: 'def', subject: 'two' },
    ]);
    expect(store.executions.get(id)).toMatchObject({
      state: 'COMPLETED',
      exitCode: 0,
      commits: [
        { hash: 'abc', subject: 'one' },
        { hash: 'def', subject: 'two' },
      ],
    });
    expect(store.executions.internals(id)).toEqual({
      pid: 42,
      sessionCostUsd: null,
      sessionStarted: true,
    });
  });

  it('lastSessionCost: the latest reported total of the same session, other executions only', () => {
    const t = task();
    const first = execution(t.id, 'S');
    const second = execution(t.id, 'S');
    const third = execution(t.id, 'S');
    const otherSession = execution(t.id, 'T');
    expect(store.executions.lastSessionCost('S', third)).toBe(0);
    store.executions.update(first, { sessionCostUsd: 0.1 });
    store.executions.update(second, { sessionCostUsd: 0.3 });
    store.executions.update(otherSession, { sessionCostUsd: 9 });
    expect(store.executions.lastSessionCost('S', third)).toBe(0.3);
    // Its own total never counts, and an execution with no total is skipped.
    store.executions.update(third, { sessionCostUsd: 0.7 });
    expect(store.executions.lastSessionCost('S', third)).toBe(0.3);
    store.executions.update(second, { sessionCostUsd: null });
    expect(store.executions.lastSessionCost('S', third)).toBe(0.1);
    expect(store.executions.lastSessionCost('none', third)).toBe(0);
  });
});

describe('QuestionsRepo', () => {
  it('ask and answer', () => {
    const t = task();
    const e = execution(t.id);
    expect(store.questions.answer(t.id, 'nothing asked')).toBe(false);
    store.questions.ask(t.id, e, { text: 'Colour?', options: ['red', 'blue'] });
    expect(store.questions.forTask(t.id)).toMatchObject([
      { taskId: t.id, executionId: e, question: { text: 'Colour?' }, answer: null },
    ]);
    expect(store.questions.answer(t.id, 'blue')).toBe(true);
    const [q] = store.questions.forTask(t.id);
    expect(q).toMatchObject({ answer: 'blue' });
    expect(q!.answeredAt).not.toBeNull();
    // Answered already: a second answer has nothing to go to.
    expect(store.questions.answer(t.id, 'red')).toBe(false);
    expect(store.questions.forTask(t.id)[0]!.answer).toBe('blue');
  });

  it('an answer goes to the open question of that task only', () => {
    const t = task();
    const u = task();
    const e = execution(t.id);
    const f = execution(u.id);
    store.questions.ask(t.id, e, { text: 'First?', options: [] });
    store.questions.answer(t.id, 'yes');
    store.questions.ask(t.id, e, { text: 'Second?', options: [] });
    store.questions.ask(u.id, f, { text: 'Other?', options: [] });
    expect(store.questions.answer(t.id, 'again')).toBe(true);
    expect(store.questions.forTask(t.id).map((q) => q.answer)).toEqual(['yes', 'again']);
    expect(store.questions.forTask(u.id)[0]!.answer).toBeNull();
  });
});
