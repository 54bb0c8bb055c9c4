import fs from 'node:fs';
import type { Commit, Execution, Project, Question, Task } from '../../../src-shared/domain';
import type { Store } from '../store';
import type { EventBus } from '../events/event-bus';
import { errorMessage } from '../errors';
import { createSandbox, headOf, landSandbox, SandboxError } from '../sandbox';
import { agentEnv, contractFiles } from './agent-env';
import { spawnAgent, type AgentExit } from './agent-process';
import { buildArgs } from './build-args';
import { OutputBatcher } from './output-batcher';
import { takeQuestionFile, takeSummaryFile } from './question-file';
import { FLOOD_BATCH_LINES, StdoutIngest } from './stdout-ingest';
import { StreamInterpreter, type StreamOutcome } from './stream-signals';
import { tailLines } from './tail';
import { FileTail } from './file-tail';
import { executionCost } from './execution-cost';
import { projectMcpConfig } from './mcp-config';

export type StopReason = 'cancel' | 'timeout' | 'shutdown';

export interface RunRequest {
  task: Task;
  project: Project;
  execution: Execution;
  /** Where the task's sandbox lives (created on a fresh run, reused on resume). */
  sandboxDir: string;
  /** Branch that collects a task tree's commits in a working copy. */
  taskBranch: string;
  signal: AbortSignal;
}

export type Ending =
  | { state: 'COMPLETED'; summary: string | null; commits: Commit[]; landedBranch: string | null }
  | { state: 'BLOCKED'; question: Question; problem: string | null }
  | { state: 'FAILED'; error: string }
  | { state: 'RATE_LIMITED'; error: string }
  | { state: 'QUOTA_EXHAUSTED'; error: string; resetAt: number | null }
  | { state: 'BUDGET_EXCEEDED'; error: string }
  | { state: 'CANCELLED' | 'TIMED_OUT' | 'INTERRUPTED'; error: string };

export interface RunResult {
  ending: Ending;
  sessionStarted: boolean;
  /** The sandbox, when one exists after the run (kept for resume or inspection). */
  sandboxDir: string | null;
  baseHead: string | null;
}

export interface RunnerConfig {
  claudeBin: () => string;
  apiUrl: () => string;
  /** The token an execution's agent uses for the local API. */
  apiToken: (executionId: string) => string;
  killGraceMs: number;
  /** Variables added to the agent's environment (tests, advanced users). */
  extraEnv: Record<string, string>;
  log: (msg: string) => void;
}

const STOP_STATES: Record<StopReason, 'CANCELLED' | 'TIMED_OUT' | 'INTERRUPTED'> = {
  cancel: 'CANCELLED',
  timeout: 'TIMED_OUT',
  shutdown: 'INTERRUPTED',
};

/** Runs one execution of a task from sandbox to landing; the pool decides what its ending means. */
export class Runner {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly config: RunnerConfig,
  ) {}

  async run(req: RunRequest): Promise<RunResult> {
    const { task, execution } = req;
    const result: RunResult = {
      ending: { state: 'FAILED', error: 'not started' },
      sessionStarted: false,
      sandboxDir: task.sandboxDir,
      baseHead: this.store.tasks.internals(task.id).baseHead,
    };
    try {
      // Our own data dir: a synchronous mkdir is microseconds, where an async
      // one waits its turn on a busy event loop (~5 ms per hop under load).
      fs.mkdirSync(execution.artifactDir, { recursive: true, mode: 0o700 });
      const created = await this.prepareSandbox(req, result);
      if (req.signal.aborted) {
        result.ending = stopEnding(req.signal);
        return result;
      }
      const cwd = result.sandboxDir!;
      this.store.executions.update(execution.id, {
        sandboxDir: cwd,
        // A sandbox made just now starts at its base; a preserved one may have moved on.
        startHead: created ?? (await headOf(cwd)),
      });
      const outcome = await this.spawnAndStream(req, cwd, result);
      result.sessionStarted = outcome.stream.sessionStarted;
      result.ending = await this.decide(req, outcome, result);
    } catch (err) {
      const sandbox = result.sandboxDir ? ` (sandbox kept at ${result.sandboxDir})` : '';
      result.ending = { state: 'FAILED', error: `${errorMessage(err)}${sandbox}` };
    }
    return result;
  }

  /** Returns the new sandbox's HEAD, or null when a preserved sandbox is reused. */
  private async prepareSandbox(req: RunRequest, result: RunResult): Promise<string | null> {
    const { task, project, execution } = req;
    if (execution.kind === 'resume' && task.sandboxDir && fs.existsSync(task.sandboxDir)) {
      result.sandboxDir = task.sandboxDir;
      return null;
    }
    // A resume whose sandbox vanished (e.g. deleted by hand) gets a fresh clone
    // at the same path, so Claude still finds the session it keyed by that path.
    const dir = execution.kind === 'resume' && task.sandboxDir ? task.sandboxDir : req.sandboxDir;
    if (execution.kind === 'resume') {
      this.note(execution, `preserved sandbox ${dir} is missing; cloning the project afresh`);
    }
    // createSandbox checks the project folder (missing, not a folder, unreadable)
    // and makes a plain folder a repository first (ensureRepo).
    const { baseHead } = await createSandbox({
      projectDir: project.path,
      useOrigin: project.useOrigin,
      sandboxDir: dir,
      ...(task.parentId ? { branch: req.taskBranch } : {}),
    });
    result.sandboxDir = dir;
    result.baseHead = baseHead;
    this.store.tasks.update(task.id, { sandboxDir: dir, baseHead });
    return baseHead;
  }

  private async spawnAndStream(
    req: RunRequest,
    cwd: string,
    result: RunResult,
  ): Promise<{ exit: AgentExit; stream: StreamOutcome }> {
    const { task, project, execution } = req;
    const settings = this.store.settings.get();
    const mcpConfigFile = await projectMcpConfig(project.path, execution.artifactDir);
    const common = {
      sessionId: execution.sessionId,
      agent: task.agent,
      defaultPermissionMode: settings.defaultPermissionMode,
      defaultModel: settings.defaultModel,
      mcpConfigFile,
      spentUsd: this.store.tasks.get(task.id).costUsd,
    };
    const command =
      execution.kind === 'resume'
        ? buildArgs({ kind: 'resume', prompt: execution.prompt, ...common })
        : buildArgs({ kind: 'fresh', instructions: execution.prompt, ...common });
    const env = this.envFor(task.id, project.path, execution.id, execution.artifactDir);

    const interpreter = new StreamInterpreter();
    const ingest = new StdoutIngest(
      execution.id,
      interpreter,
      {
        index: (entries) => this.store.events.append(execution.id, entries),
        live: (events) => {
          if (this.bus.hasListeners('execution.events')) {
            this.bus.emit('execution.events', {
              executionId: execution.id,
              taskId: task.id,
              events,
            });
          }
        },
        wantsLive: () => this.bus.hasListeners('execution.events'),
      },
      { lastSeq: this.store.events.lastSeq(execution.id), flushAtEntries: FLOOD_BATCH_LINES },
    );
    const emitOutput = (stream: 'stdout' | 'stderr', offset: number, chunk: string): void =>
      this.bus.emit('execution.output', {
        executionId: execution.id,
        taskId: task.id,
        stream,
        offset,
        chunk,
      });
    const liveOut = new OutputBatcher((o, c) => emitOutput('stdout', o, c));
    const liveErr = new OutputBatcher((o, c) => emitOutput('stderr', o, c));
    const live = (batcher: OutputBatcher, chunk: Buffer): void => {
      if (this.bus.hasListeners('execution.output')) batcher.push(chunk);
      else batcher.skip(chunk.length);
    };

    // The agent writes straight into the log files; we follow them. Nothing it
    // wrote can be lost in a pipe if Claudomator dies, and it never waits on us.
    const stdoutFd = fs.openSync(execution.stdoutPath, 'w', 0o600);
    const stderrFd = fs.openSync(execution.stderrPath, 'a', 0o600);
    const stderrStart = fs.fstatSync(stderrFd).size;
    const outTail = new FileTail(execution.stdoutPath, (chunk) => {
      ingest.push(chunk);
      live(liveOut, chunk);
    });
    const errTail = new FileTail(execution.stderrPath, (chunk) => live(liveErr, chunk));
    let agent;
    try {
      agent = spawnAgent({
        bin: this.config.claudeBin(),
        args: command.args,
        input: command.prompt,
        cwd,
        env,
        stdoutFd,
        stderrFd,
      });
    } finally {
      // The child has its own copies now.
      fs.closeSync(stdoutFd);
      fs.closeSync(stderrFd);
    }
    outTail.start();
    errTail.start(stderrStart);
    this.store.executions.update(execution.id, { pid: agent.pid });
    const onAbort = (): void => void agent.terminate(this.config.killGraceMs);
    req.signal.addEventListener('abort', onAbort, { once: true });

    const exit = await agent.done;
    req.signal.removeEventListener('abort', onAbort);
    await Promise.all([outTail.stop(), errTail.stop()]);
    ingest.finish();
    liveOut.flush();
    liveErr.flush();
    this.store.executions.update(execution.id, {
      exitCode: exit.exitCode,
      sessionStarted: interpreter.outcome.sessionStarted,
    });
    this.recordCost(req, interpreter.outcome);
    result.sessionStarted = interpreter.outcome.sessionStarted;
    return { exit, stream: interpreter.outcome };
  }

  private recordCost(req: RunRequest, outcome: StreamOutcome): void {
    const total = outcome.sessionCostUsd;
    if (total === null) return;
    const { execution, task } = req;
    const before =
      execution.kind === 'resume'
        ? this.store.executions.lastSessionCost(execution.sessionId, execution.id)
        : 0;
    const own = executionCost(total, before, outcome.cliVersion);
    this.store.atomically(() => {
      this.store.executions.update(execution.id, {
        sessionCostUsd: total,
        costUsd: own,
        numTurns: outcome.numTurns,
        durationMs: outcome.durationMs,
      });
      this.store.tasks.addCost(task.id, own);
    });
  }

  private async decide(
    req: RunRequest,
    { exit, stream }: { exit: AgentExit; stream: StreamOutcome },
    result: RunResult,
  ): Promise<Ending> {
    const { execution } = req;
    if (req.signal.aborted) return stopEnding(req.signal);
    if (exit.spawnError) {
      const code = (exit.spawnError as NodeJS.ErrnoException).code;
      const bin = this.config.claudeBin();
      const why =
        code === 'ENOENT'
          ? 'was not found'
          : code === 'EACCES'
            ? 'is not executable'
            : `could not be started (${exit.spawnError.message})`;
      return {
        state: 'FAILED',
        error: `claude binary "${bin}" ${why}; set its path in Settings or with --claude-bin`,
      };
    }
    if (stream.quota) {
      return {
        state: 'QUOTA_EXHAUSTED',
        error: stream.quota.message,
        resetAt: stream.quota.resetAt,
      };
    }
    if (stream.rateLimit) return { state: 'RATE_LIMITED', error: stream.rateLimit };
    if (stream.budgetExceeded) {
      return {
        state: 'BUDGET_EXCEEDED',
        error: stream.result?.text ?? 'the task went over its budget',
      };
    }
    const failed = exit.exitCode !== 0 || stream.result?.isError === true;
    if (failed) {
      let error =
        stream.result?.isError && stream.result.text
          ? `claude task failed: ${stream.result.text}`
          : exit.exitCode !== 0
            ? `claude exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`}`
            : 'claude task failed (is_error in result)';
      if (exit.exitCode !== 0) {
        const tail = await tailLines(execution.stderrPath, 20);
        if (tail) error += `\nstderr:\n${tail}`;
      }
      return { state: 'FAILED', error: withSandbox(error, result.sandboxDir) };
    }
    if (stream.permissionDenied) {
      return {
        state: 'FAILED',
        error: withSandbox(`permission denied: ${stream.permissionDenied}`, result.sandboxDir),
      };
    }
    const message = await takeQuestionFile(contractFiles(execution.artifactDir).questionFile);
    if (message.kind === 'question') {
      return { state: 'BLOCKED', question: message.question, problem: message.problem };
    }
    const summary =
      (await takeSummaryFile(contractFiles(execution.artifactDir).summaryFile)) ??
      (message.kind === 'report' ? message.text : null);
    return this.land(req, result, summary);
  }

  private async land(req: RunRequest, result: RunResult, summary: string | null): Promise<Ending> {
    const sandboxDir = result.sandboxDir!;
    const baseHead = result.baseHead ?? (await headOf(sandboxDir));
    try {
      const landed = await landSandbox({
        sandboxDir,
        baseHead: baseHead!,
        taskBranch: req.taskBranch,
      });
      this.store.executions.setCommits(req.execution.id, landed.commits);
      if (landed.removed) result.sandboxDir = null;
      const landedBranch = landed.target?.kind === 'working-copy' ? landed.target.branch : null;
      return { state: 'COMPLETED', summary, commits: landed.commits, landedBranch };
    } catch (err) {
      if (err instanceof SandboxError) return { state: 'FAILED', error: err.message };
      throw err;
    }
  }

  /**
   * The environment an agent of the task gets in an execution: its contract
   * (API, token, question and summary files) on top of what it may inherit.
   * A terminal of the task gets the same.
   */
  envFor(
    taskId: string,
    projectDir: string,
    executionId: string,
    artifactDir: string,
  ): Record<string, string> {
    return agentEnv(
      process.env,
      {
        apiUrl: this.config.apiUrl(),
        apiToken: this.config.apiToken(executionId),
        taskId,
        executionId,
        projectDir,
        ...contractFiles(artifactDir),
      },
      this.config.extraEnv,
    );
  }

  /** A line of our own in the execution's stderr log, so the user sees it beside the agent's. */
  private note(execution: Execution, message: string): void {
    this.config.log(message);
    fs.appendFileSync(execution.stderrPath, `[claudomator] ${message}\n`, { mode: 0o600 });
  }
}

function stopEnding(signal: AbortSignal): Ending {
  const reason = (signal.reason as StopReason | undefined) ?? 'cancel';
  const state = STOP_STATES[reason] ?? 'CANCELLED';
  const error =
    state === 'TIMED_OUT'
      ? 'the task ran past its timeout and was stopped'
      : state === 'INTERRUPTED'
        ? 'Claudomator shut down while the task ran; retry resumes its session'
        : 'cancelled';
  return { state, error };
}

function withSandbox(error: string, sandboxDir: string | null): string {
  return sandboxDir ? `${error}\n(sandbox kept at ${sandboxDir})` : error;
}
