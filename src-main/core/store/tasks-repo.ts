import { randomUUID } from 'node:crypto';
import {
  canTransition,
  type Actor,
  type AgentConfig,
  type HistoryEntry,
  type Question,
  type Task,
  type TaskState,
} from '../../../src-shared/domain';
import { conflict, notFound } from '../errors';
import { statement, type Db } from './database';
import { nowIso } from './clock';

interface TaskRow {
  id: string;
  seq: number;
  project_id: string;
  parent_id: string | null;
  root_id: string;
  name: string;
  instructions: string;
  priority: number;
  agent_json: string;
  state: TaskState;
  created_at: string;
  updated_at: string;
  sandbox_dir: string | null;
  base_head: string | null;
  session_id: string | null;
  question_json: string | null;
  summary: string | null;
  error: string | null;
  cost_usd: number;
  retry_at: string | null;
  rate_limit_attempts: number;
  landed_branch: string | null;
  next_prompt: string | null;
  rev: number;
}

/** Fields the engine keeps on a task besides the public ones. */
export interface TaskInternals {
  rootId: string;
  baseHead: string | null;
  /** The prompt the next execution sends: an answer, or a carry-on after a rate limit. */
  nextPrompt: string | null;
}

/** Columns a state change (or a plain update) may set. */
export interface TaskPatch {
  sandboxDir?: string | null;
  baseHead?: string | null;
  sessionId?: string | null;
  question?: Question | null;
  summary?: string | null;
  error?: string | null;
  costUsd?: number;
  retryAt?: string | null;
  rateLimitAttempts?: number;
  landedBranch?: string | null;
  nextPrompt?: string | null;
}

const PATCH_COLUMNS: Record<keyof TaskPatch, string> = {
  sandboxDir: 'sandbox_dir',
  baseHead: 'base_head',
  sessionId: 'session_id',
  question: 'question_json',
  summary: 'summary',
  error: 'error',
  costUsd: 'cost_usd',
  retryAt: 'retry_at',
  rateLimitAttempts: 'rate_limit_attempts',
  landedBranch: 'landed_branch',
  nextPrompt: 'next_prompt',
};

function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    projectId: r.project_id,
    parentId: r.parent_id,
    name: r.name,
    instructions: r.instructions,
    priority: r.priority,
    agent: JSON.parse(r.agent_json) as AgentConfig,
    state: r.state,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sandboxDir: r.sandbox_dir,
    sessionId: r.session_id,
    question: r.question_json ? (JSON.parse(r.question_json) as Question) : null,
    summary: r.summary,
    error: r.error,
    costUsd: r.cost_usd,
    retryAt: r.retry_at,
    rateLimitAttempts: r.rate_limit_attempts,
    landedBranch: r.landed_branch,
    rev: r.rev,
  };
}

export interface NewTask {
  projectId: string;
  parentId: string | null;
  name: string;
  instructions: string;
  priority: number;
  agent: AgentConfig;
  state: TaskState;
}

export interface TaskQuery {
  state?: TaskState;
  projectId?: string;
  parentId?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

/**
 * The full-text query for a substring search (an FTS5 phrase, which the trigram
 * tokenizer matches as a substring), or null when the index cannot answer it:
 * fewer than 3 characters, or a NUL.
 */
function searchMatch(text: string): string | null {
  if ([...text].length < 3 || text.includes('\0')) return null;
  return `"${text.replace(/"/g, '""')}"`;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export class TasksRepo {
  constructor(private readonly db: Db) {}

  insert(input: NewTask, actor: Actor, reason: string | null = null): Task {
    const id: string = randomUUID();
    const now = nowIso();
    return this.db.transaction(() => {
      let rootId = id;
      if (input.parentId) {
        const parent = this.row(input.parentId);
        rootId = parent.root_id;
      }
      const seq =
        (statement(this.db, 'SELECT coalesce(max(seq), 0) AS m FROM tasks').get() as { m: number })
          .m + 1;
      statement(
        this.db,
        `INSERT INTO tasks (id, seq, project_id, parent_id, root_id, name, instructions, priority,
             agent_json, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        seq,
        input.projectId,
        input.parentId,
        rootId,
        input.name,
        input.instructions,
        input.priority,
        JSON.stringify(input.agent),
        input.state,
        now,
        now,
      );
      this.addHistory(id, null, input.state, actor, reason, now);
      return this.get(id);
    })();
  }

  get(id: string): Task {
    return toTask(this.row(id));
  }

  find(id: string): Task | null {
    const r = statement(this.db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    return r ? toTask(r) : null;
  }

  internals(id: string): TaskInternals {
    const r = this.row(id);
    return { rootId: r.root_id, baseHead: r.base_head, nextPrompt: r.next_prompt };
  }

  list(q: TaskQuery): { tasks: Task[]; total: number } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.state) {
      where.push('state = ?');
      args.push(q.state);
    }
    if (q.projectId) {
      where.push('project_id = ?');
      args.push(q.projectId);
    }
    if (q.parentId) {
      where.push('parent_id = ?');
      args.push(q.parentId);
    }
    if (q.search) {
      const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const indexed = searchMatch(q.search);
      // The trigram index finds the tasks holding the text without reading them
      // all. It folds case beyond ASCII (LIKE does not), so for non-ASCII text
      // LIKE narrows its answer down; for ASCII text its answer is LIKE's (save
      // for the odd character that folds into ASCII, like the Kelvin sign).
      if (indexed) {
        where.push('seq IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)');
        args.push(indexed);
      }
      if (!indexed || !isAscii(q.search)) {
        where.push("(name LIKE ? ESCAPE '\\' OR instructions LIKE ? ESCAPE '\\')");
        args.push(like, like);
      }
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      statement(this.db, `SELECT count(*) AS n FROM tasks ${clause}`).get(...args) as { n: number }
    ).n;
    const rows = statement(
      this.db,
      `SELECT * FROM tasks ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    ).all(...args, q.limit ?? 200, q.offset ?? 0) as TaskRow[];
    return { tasks: rows.map(toTask), total };
  }

  children(parentId: string): Task[] {
    const rows = statement(this.db, 'SELECT * FROM tasks WHERE parent_id = ? ORDER BY seq').all(
      parentId,
    ) as TaskRow[];
    return rows.map(toTask);
  }

  /** Dispatch order: highest priority first, then oldest. */
  nextQueued(limit: number): Task[] {
    const rows = statement(
      this.db,
      "SELECT * FROM tasks WHERE state = 'QUEUED' ORDER BY priority DESC, seq LIMIT ?",
    ).all(limit) as TaskRow[];
    return rows.map(toTask);
  }

  inState(state: TaskState): Task[] {
    const rows = statement(this.db, 'SELECT * FROM tasks WHERE state = ? ORDER BY seq').all(
      state,
    ) as TaskRow[];
    return rows.map(toTask);
  }

  countByState(): Partial<Record<TaskState, number>> {
    const rows = statement(
      this.db,
      'SELECT state, count(*) AS n FROM tasks GROUP BY state',
    ).all() as {
      state: TaskState;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /**
   * Moves a task to a new state, with its history entry, in one transaction.
   * `from` guards against races: the change only happens if the task is still
   * in one of those states.
   */
  transition(
    id: string,
    to: TaskState,
    opts: { actor: Actor; reason?: string | null; patch?: TaskPatch; from?: readonly TaskState[] },
  ): Task {
    return this.db.transaction(() => {
      const current = this.row(id);
      if (opts.from && !opts.from.includes(current.state)) {
        throw conflict(`task is ${current.state}, not ${opts.from.join(' or ')}`);
      }
      if (!canTransition(current.state, to)) {
        throw conflict(`task cannot go from ${current.state} to ${to}`);
      }
      const now = nowIso();
      this.applyPatch(id, { ...opts.patch }, { state: to, updated_at: now });
      this.addHistory(id, current.state, to, opts.actor, opts.reason ?? null, now);
      return this.get(id);
    })();
  }

  /** Updates fields without a state change. */
  update(id: string, patch: TaskPatch): Task {
    this.applyPatch(id, patch, { updated_at: nowIso() });
    return this.get(id);
  }

  addCost(id: string, delta: number): void {
    statement(this.db, 'UPDATE tasks SET cost_usd = cost_usd + ?, rev = rev + 1 WHERE id = ?').run(
      delta,
      id,
    );
  }

  history(id: string): HistoryEntry[] {
    const rows = statement(this.db, 'SELECT * FROM task_history WHERE task_id = ? ORDER BY id').all(
      id,
    ) as {
      id: number;
      task_id: string;
      from_state: TaskState | null;
      to_state: TaskState;
      actor: Actor;
      reason: string | null;
      at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      from: r.from_state,
      to: r.to_state,
      actor: r.actor,
      reason: r.reason,
      at: r.at,
    }));
  }

  delete(id: string): boolean {
    return statement(this.db, 'DELETE FROM tasks WHERE id = ?').run(id).changes > 0;
  }

  private row(id: string): TaskRow {
    const r = statement(this.db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    if (!r) throw notFound(`task ${id}`);
    return r;
  }

  private applyPatch(id: string, patch: TaskPatch, extra: Record<string, string>): void {
    const sets: string[] = [];
    const args: (string | number | null)[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof TaskPatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${PATCH_COLUMNS[key]} = ?`);
      if (key === 'question') args.push(value === null ? null : JSON.stringify(value));
      else args.push(value as string | number | null);
    }
    for (const [col, value] of Object.entries(extra)) {
      sets.push(`${col} = ?`);
      args.push(value);
    }
    sets.push('rev = rev + 1');
    statement(this.db, `UPDATE tasks SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  private addHistory(
    id: string,
    from: TaskState | null,
    to: TaskState,
    actor: Actor,
    reason: string | null,
    at: string,
  ): void {
    statement(
      this.db,
      'INSERT INTO task_history (task_id, from_state, to_state, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, from, to, actor, reason, at);
  }
}
