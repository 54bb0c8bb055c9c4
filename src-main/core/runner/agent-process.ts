import { spawn } from 'node:child_process';
import { groupRunning } from './process-table';

export interface AgentExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the binary could not be started at all (missing, not executable). */
  spawnError: Error | null;
}

export interface AgentProcess {
  pid: number | null;
  /** Resolves once the process has exited and the rest of its group is gone. */
  done: Promise<AgentExit>;
  /** SIGTERM to the whole process group, SIGKILL after the grace period. */
  terminate(graceMs: number): Promise<void>;
}

/** Signals a whole process group; false when it no longer exists. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Waits (briefly) until no process of the group is left, killing stragglers. */
async function reapGroup(pgid: number, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupRunning(pgid) && Date.now() < deadline) {
    killGroup(pgid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Starts the agent in its own process group (detached = setsid), so cancel,
 * timeout and exit can take down everything it started: MCP servers, shells,
 * grandchildren. Arguments go as an array, never through a shell.
 */
export function spawnAgent(opts: {
  bin: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input: string;
  /** Files the agent writes its stdout and stderr to, directly (no pipe through us). */
  stdoutFd: number;
  stderrFd: number;
}): AgentProcess {
  const child = spawn(opts.bin, opts.args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['pipe', opts.stdoutFd, opts.stderrFd],
  });
  // An agent that exits without reading its input must not crash us (EPIPE).
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(opts.input);
  const pid = child.pid ?? null;

  const done = new Promise<AgentExit>((resolve) => {
    let exit: AgentExit | null = null;
    child.once('error', (err) => {
      exit = { exitCode: null, signal: null, spawnError: err };
      if (pid === null) resolve(exit);
    });
    child.once('exit', (code, signal) => {
      exit = { exitCode: code, signal, spawnError: null };
      // Whatever the agent left behind in its group goes with it.
      if (pid === null) resolve(exit);
      else void reapGroup(pid).then(() => resolve(exit!));
    });
  });

  const terminate = async (graceMs: number): Promise<void> => {
    if (pid === null) return;
    killGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
    try {
      await done;
    } finally {
      clearTimeout(timer);
    }
    // The leader may have exited on SIGTERM while children ignore it.
    await reapGroup(pid);
  };

  return { pid, done, terminate };
}
