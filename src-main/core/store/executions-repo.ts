import type { Commit, Execution, ExecutionState } from '../../../src-shared/domain';
import { notFound } from '../errors';
import { statement, type Db } from './database';
import { nowIso } from './clock';

interface ExecutionRow {
  id: string;
  task_id: string;
  kind: 'fresh' | 'resume';
  state: ExecutionState;
  session_id: string;
  prompt: string;
  sandbox_dir: string | null;
  start_head: string | null;
  stdout_path: string;
  stderr_path: string;
  artifact_dir: string;
  pid: number | null;
  started_at: string;
  ended_at: string | null;
  exit_code: number | null;
  cost_usd: number;
  session_cost_usd: number | null;
  num_turns: number | null;
  duration_ms: number | null;
  error: string | null;
  summary: string | null;
  session_started: number;
}

export interface NewExecution {
  id: string;
  taskId: string;
  kind: 'fresh' | 'resume';
  sessionId: string;
  prompt: string;
  sandboxDir: string | null;
  stdoutPath: string;
  stderrPath: string;
  artifactDir: string;
}

export interface ExecutionPatch {
  state?: ExecutionState;
  sandboxDir?: string | null;
  startHead?: string | null;
  pid?: number | null;
  endedAt?: string | null;
  exitCode?: number | null;
  costUsd?: number;
  sessionCostUsd?: number | null;
  numTurns?: number | null;
  durationMs?: number | null;
  error?: string | null;
  summary?: string | null;
  sessionStarted?: boolean;
}

const COLUMNS: Record<keyof ExecutionPatch, string> = {
  state: 'state',
  sandboxDir: 'sandbox_dir',
  startHead: 'start_head',
  pid: 'pid',
  endedAt: 'ended_at',
  exitCode: 'exit_code',
  costUsd: 'cost_usd',
  sessionCostUsd: 'session_cost_usd',
  numTurns: 'num_turns',
  durationMs: 'duration_ms',
  error: 'error',
  summary: 'summary',
  sessionStarted: 'session_started',
};

/** What the engine needs about an execution that the UI does not. */
export interface ExecutionInternals {
  pid: number | null;
  sessionCostUsd: number | null;
  sessionStarted: boolean;
}

export class ExecutionsRepo {
  constructor(private readonly db: Db) {}

  insert(e: NewExecution): Execution {
    statement(
      this.db,
      `INSERT INTO executions (id, task_id, kind, state, session_id, prompt, sandbox_dir,
           stdout_path, stderr_path, artifact_dir, started_at)
         VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.id,
      e.taskId,
      e.kind,
      e.sessionId,
      e.prompt,
      e.sandboxDir,
      e.stdoutPath,
      e.stderrPath,
      e.artifactDir,
      nowIso(),
    );
    return this.get(e.id);
  }

  get(id: string): Execution {
    const r = this.row(id);
    return this.toExecution(r);
  }

  find(id: string): Execution | null {
    const r = statement(this.db, 'SELECT * FROM executions WHERE id = ?').get(id) as
      ExecutionRow | undefined;
    return r ? this.toExecution(r) : null;
  }

  internals(id: string): ExecutionInternals {
    const r = this.row(id);
    return {
      pid: r.pid,
      sessionCostUsd: r.session_cost_usd,
      sessionStarted: r.session_started === 1,
    };
  }

  forTask(taskId: string): Execution[] {
    const rows = statement(
      this.db,
      'SELECT * FROM executions WHERE task_id = ? ORDER BY started_at, rowid',
    ).all(taskId) as ExecutionRow[];
    return rows.map((r) => this.toExecution(r));
  }

  latestForTask(taskId: string): Execution | null {
    const r = statement(
      this.db,
      'SELECT * FROM executions WHERE task_id = ? ORDER BY started_at DESC, rowid DESC',
    ).get(taskId) as ExecutionRow | undefined;
    return r ? this.toExecution(r) : null;
  }

  /** The session's cumulative cost as last reported, to turn the next total into a delta. */
  lastSessionCost(sessionId: string, exceptId: string): number {
    const r = statement(
      this.db,
      `SELECT session_cost_usd AS c FROM executions
         WHERE session_id = ? AND id != ? AND session_cost_usd IS NOT NULL
         ORDER BY started_at DESC, rowid DESC LIMIT 1`,
    ).get(sessionId, exceptId) as { c: number } | undefined;
    return r?.c ?? 0;
  }

  inState(state: ExecutionState): (Execution & ExecutionInternals)[] {
    const rows = statement(this.db, 'SELECT * FROM executions WHERE state = ?').all(
      state,
    ) as ExecutionRow[];
    return rows.map((r) => ({
      ...this.toExecution(r),
      pid: r.pid,
      sessionCostUsd: r.session_cost_usd,
      sessionStarted: r.session_started === 1,
    }));
  }

  update(id: string, patch: ExecutionPatch): void {
    const sets: string[] = [];
    const args: (string | number | null)[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof ExecutionPatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${COLUMNS[key]} = ?`);
      args.push(typeof value === 'boolean' ? (value ? 1 : 0) : (value as string | number | null));
    }
    if (sets.length === 0) return;
    statement(this.db, `UPDATE executions SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  setCommits(id: string, commits: Commit[]): void {
    this.db.transaction(() => {
      statement(this.db, 'DELETE FROM commits WHERE execution_id = ?').run(id);
      const ins = statement(
        this.db,
        'INSERT INTO commits (execution_id, seq, hash, subject) VALUES (?, ?, ?, ?)',
      );
      commits.forEach((c, i) => ins.run(id, i, c.hash, c.subject));
    })();
  }

  private commits(id: string): Commit[] {
    return statement(
      this.db,
      'SELECT hash, subject FROM commits WHERE execution_id = ? ORDER BY seq',
    ).all(id) as Commit[];
  }

  private row(id: string): ExecutionRow {
    const r = statement(this.db, 'SELECT * FROM executions WHERE id = ?').get(id) as
      ExecutionRow | undefined;
    if (!r) throw notFound(`execution ${id}`);
    return r;
  }

  private toExecution(r: ExecutionRow): Execution {
    return {
      id: r.id,
      taskId: r.task_id,
      kind: r.kind,
      state: r.state,
      sessionId: r.session_id,
      prompt: r.prompt,
      sandboxDir: r.sandbox_dir,
      startHead: r.start_head,
      stdoutPath: r.stdout_path,
      stderrPath: r.stderr_path,
      artifactDir: r.artifact_dir,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      exitCode: r.exit_code,
      costUsd: r.cost_usd,
      numTurns: r.num_turns,
      durationMs: r.duration_ms,
      error: r.error,
      summary: r.summary,
      commits: this.commits(r.id),
    };
  }
}
