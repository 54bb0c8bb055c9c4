import type { IPty } from 'node-pty';
import type { TerminalInfo, TerminalKind } from '../../../src-shared/domain';
import { killGroup } from '../runner/agent-process';
import { FRAME_MS } from '../runner/output-batcher';
import { sessionMembers } from '../runner/process-table';
import { Scrollback } from './scrollback';

/** Output goes out once a frame, and a flood is held to this much a frame (~8 MB/s). */
const MAX_CHARS_PER_FRAME = 128 * 1024;
const SCROLLBACK_CHARS = 2 * 1024 * 1024;
const KILL_GRACE_MS = 2000;

export interface SessionSink {
  output(id: string, offset: number, data: string): void;
  exit(info: TerminalInfo): void;
}

/**
 * One pty and what it printed. The shell leads a session of its own (node-pty
 * uses forkpty), so closing can end everything started in it, not just the
 * shell: nothing is left behind.
 */
export class TerminalSession {
  private readonly scrollback = new Scrollback(SCROLLBACK_CHARS);
  private pending: string[] = [];
  private pendingChars = 0;
  private timer: NodeJS.Timeout | null = null;
  private paused = false;
  private exitCode: number | null = null;
  private signal: number | null = null;
  private running = true;
  readonly exited: Promise<void>;
  private cols: number;
  private rows: number;

  constructor(
    readonly id: string,
    readonly taskId: string,
    readonly kind: TerminalKind,
    readonly title: string,
    readonly cwd: string,
    private readonly pty: IPty,
    private readonly sink: SessionSink,
  ) {
    this.cols = pty.cols;
    this.rows = pty.rows;
    pty.onData((data) => this.onData(data));
    this.exited = new Promise((resolve) => {
      pty.onExit(({ exitCode, signal }) => {
        this.flush();
        this.running = false;
        this.exitCode = exitCode;
        this.signal = signal ?? null;
        this.sink.exit(this.info());
        resolve();
      });
    });
  }

  info(): TerminalInfo {
    return {
      id: this.id,
      taskId: this.taskId,
      kind: this.kind,
      title: this.title,
      cwd: this.cwd,
      cols: this.cols,
      rows: this.rows,
      running: this.running,
      exitCode: this.exitCode,
      signal: this.signal,
    };
  }

  get isRunning(): boolean {
    return this.running;
  }

  write(data: string): void {
    if (this.running) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.running) return;
    this.cols = cols;
    this.rows = rows;
    this.pty.resize(cols, rows);
  }

  snapshot(): { offset: number; data: string } {
    return this.scrollback.snapshot();
  }

  /**
   * Ends everything the terminal started: SIGHUP (what closing a terminal
   * sends) to its process group, then SIGKILL to whatever is left of its
   * session, background jobs in their own groups included.
   */
  async close(): Promise<void> {
    const sid = this.pty.pid;
    killGroup(sid, 'SIGHUP');
    const deadline = Date.now() + KILL_GRACE_MS;
    while (this.isRunning && Date.now() < deadline) await sleep(20);
    for (let i = 0; i < 50; i++) {
      const left = sessionMembers(sid);
      if (left.length === 0) break;
      for (const pid of left) kill(pid);
      await sleep(20);
    }
    if (this.paused) this.pty.resume();
    // The pty's exit is reported once its last reader is gone.
    await Promise.race([this.exited, sleep(KILL_GRACE_MS)]);
    this.stopTimer();
  }

  private onData(data: string): void {
    this.pending.push(data);
    this.pendingChars += data.length;
    if (this.pendingChars >= MAX_CHARS_PER_FRAME && !this.paused) {
      // A `yes` flood: stop reading until the next frame; the writer blocks on
      // the full pty, so neither our memory nor the viewers fall behind.
      this.paused = true;
      this.pty.pause();
    }
    this.timer ??= setTimeout(() => this.flush(), FRAME_MS);
  }

  private flush(): void {
    this.stopTimer();
    if (this.pending.length > 0) {
      const data = this.pending.join('');
      this.pending = [];
      this.pendingChars = 0;
      const offset = this.scrollback.end;
      this.scrollback.push(data);
      this.sink.output(this.id, offset, data);
    }
    if (this.paused && this.running) {
      this.paused = false;
      this.pty.resume();
    }
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
