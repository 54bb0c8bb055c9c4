import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IPty } from 'node-pty';
import {
  TAKEOVER_STATES,
  type Project,
  type Task,
  type TerminalInfo,
  type TerminalKind,
  type TerminalScrollback,
} from '../../../src-shared/domain';
import { AppError } from '../errors';
import type { EventBus } from '../events/event-bus';
import type { Store } from '../store';
import { TerminalSession } from './terminal-session';

export interface TerminalConfig {
  claudeBin: () => string;
  /** The environment an agent of this task gets (its CLAUDOMATOR_* contract included). */
  agentEnv: (task: Task, project: Project) => Record<string, string>;
}

/**
 * node-pty, loaded on the first terminal rather than with the engine: a native
 * module that does not load (say, not rebuilt for Electron) then costs the
 * terminals, not the whole app.
 */
async function loadPty(): Promise<typeof import('node-pty')> {
  try {
    return await import('node-pty');
  } catch (err) {
    throw new AppError(
      'conflict',
      `terminals are not available: node-pty does not load here (${(err as Error).message}); ` +
        'rebuild it for this runtime (npm rebuild node-pty, or @electron/rebuild for the desktop app)',
    );
  }
}

/** The user's shell: $SHELL when it exists, else bash, else sh. */
export function userShell(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.SHELL, '/bin/bash', '/usr/bin/bash', '/bin/sh'];
  return candidates.find((c): c is string => !!c && path.isAbsolute(c) && fs.existsSync(c)) ?? 'sh';
}

/**
 * The terminals of all tasks: shells in a sandbox (or the project folder when
 * the task has none), and take-overs, `claude --resume <session>` run by the
 * user in the task's sandbox. A task being taken over is not run by the queue
 * at the same time (see assertNotTakenOver).
 */
export class TerminalManager {
  private readonly sessions = new Map<string, TerminalSession>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly config: TerminalConfig,
  ) {}

  async open(
    taskId: string,
    kind: TerminalKind,
    cols: number,
    rows: number,
  ): Promise<TerminalInfo> {
    const task = this.store.tasks.find(taskId);
    if (!task) throw new AppError('not_found', `no task ${taskId}`);
    const project = this.store.projects.get(task.projectId);
    if (!project) throw new AppError('not_found', `the project of task ${taskId} is gone`);
    const sandbox = task.sandboxDir && fs.existsSync(task.sandboxDir) ? task.sandboxDir : null;

    const shell = userShell();
    let file: string;
    let args: string[];
    let cwd: string;
    let title: string;
    if (kind === 'takeover') {
      if (!TAKEOVER_STATES.includes(task.state)) {
        throw new AppError(
          'conflict',
          `task is ${task.state}; only a stopped task can be taken over`,
        );
      }
      if (!task.sessionId) {
        throw new AppError('conflict', 'the task has no Claude session to resume');
      }
      if (!sandbox) throw new AppError('conflict', 'the task has no sandbox to take over');
      if (this.takeoverOf(taskId)) throw new AppError('conflict', 'the task is already taken over');
      file = this.config.claudeBin();
      args = ['--resume', task.sessionId];
      cwd = sandbox;
      title = `claude --resume`;
    } else {
      cwd = sandbox ?? project.path;
      if (!fs.existsSync(cwd)) throw new AppError('conflict', `${cwd} does not exist`);
      file = shell;
      args = [];
      title = path.basename(file);
    }

    const env = {
      ...this.config.agentEnv(task, project),
      SHELL: shell,
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
    };
    const pty = await loadPty();
    let proc: IPty;
    try {
      proc = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd, env });
    } catch (err) {
      throw new AppError('conflict', `could not start ${file}: ${(err as Error).message}`);
    }
    const session = new TerminalSession(randomUUID(), taskId, kind, title, cwd, proc, {
      output: (id, offset, data) => this.bus.emit('terminal.output', { id, taskId, offset, data }),
      exit: (info) => this.bus.emit('terminal.exit', info),
    });
    this.sessions.set(session.id, session);
    return session.info();
  }

  list(taskId?: string): TerminalInfo[] {
    return [...this.sessions.values()]
      .filter((s) => taskId === undefined || s.taskId === taskId)
      .map((s) => s.info());
  }

  input(id: string, data: string): void {
    this.get(id).write(data);
  }

  resize(id: string, cols: number, rows: number): TerminalInfo {
    const session = this.get(id);
    session.resize(cols, rows);
    return session.info();
  }

  scrollback(id: string): TerminalScrollback {
    return { id, ...this.get(id).snapshot() };
  }

  /** Ends the terminal and everything started in it, and forgets it. */
  close(id: string): Promise<void> {
    return this.closeSessions([this.get(id)]);
  }

  closeTask(taskId: string): Promise<void> {
    return this.closeSessions([...this.sessions.values()].filter((s) => s.taskId === taskId));
  }

  closeAll(): Promise<void> {
    return this.closeSessions([...this.sessions.values()]);
  }

  private async closeSessions(sessions: TerminalSession[]): Promise<void> {
    for (const s of sessions) this.sessions.delete(s.id);
    await Promise.all(sessions.map((s) => s.close()));
  }

  /** Refuses to queue a task while the user talks to its session in a take-over. */
  assertNotTakenOver(taskId: string): void {
    if (this.takeoverOf(taskId)) {
      throw new AppError(
        'conflict',
        'the task is being taken over in a terminal; end that session first',
      );
    }
  }

  private takeoverOf(taskId: string): TerminalSession | undefined {
    return [...this.sessions.values()].find(
      (s) => s.taskId === taskId && s.kind === 'takeover' && s.isRunning,
    );
  }

  private get(id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session) throw new AppError('not_found', `no terminal ${id}`);
    return session;
  }
}
