import fs from 'node:fs';

/** Most agents write little: a small buffer first, the large one once a read fills it. */
const FIRST_READ_BYTES = 64 * 1024;
const READ_BYTES = 1024 * 1024;
/** inotify wakes us at once on Linux; the poll is a safety net elsewhere. */
const POLL_MS = 25;
/** With a working watcher the poll only guards against a missed event. */
const WATCHED_POLL_MS = 250;

/**
 * Follows a file another process writes, handing each new run of bytes to
 * `onChunk` in order. The agent writes its output straight to the log file,
 * so the log holds every byte it wrote even if Claudomator dies, and a slow
 * reader never blocks the agent.
 *
 * The chunk is a view of the read buffer, valid only during the call: a
 * consumer that keeps bytes copies them (the line splitter and the output
 * batcher do). A copy per read here cost a 1 MB allocation per megabyte.
 */
export class FileTail {
  private fd: number | null = null;
  private position = 0;
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  // Not zero-filled: only the bytes a read returns are ever used. A megabyte per
  // tail for every task (two per task) was garbage the collector kept chasing.
  private buffer = Buffer.allocUnsafe(FIRST_READ_BYTES);

  constructor(
    private readonly file: string,
    private readonly onChunk: (chunk: Buffer) => void,
  ) {}

  /** Starts following from `from` (bytes already there are not handed on). */
  start(from = 0): void {
    this.position = from;
    this.fd = fs.openSync(this.file, 'r');
    try {
      this.watcher = fs.watch(this.file, () => void this.pump());
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = null; // polling alone still works
    }
    this.timer = setInterval(() => void this.pump(), this.watcher ? WATCHED_POLL_MS : POLL_MS);
    // Whatever was written before the watcher existed.
    void this.pump();
  }

  /** Stops following after reading everything written so far. */
  async stop(): Promise<void> {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    await this.pump();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        await this.readToEnd();
      } while (this.again);
    })().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async readToEnd(): Promise<void> {
    for (;;) {
      const fd = this.fd;
      if (fd === null) return;
      const buffer = this.buffer;
      const n = await new Promise<number>((resolve, reject) =>
        fs.read(fd, buffer, 0, buffer.length, this.position, (err, bytes) =>
          err ? reject(err) : resolve(bytes),
        ),
      );
      if (n === 0) return;
      this.position += n;
      this.onChunk(buffer.subarray(0, n));
      // A flood: read it in large steps from now on.
      if (n === buffer.length && buffer.length < READ_BYTES) {
        this.buffer = Buffer.allocUnsafe(READ_BYTES);
      }
    }
  }
}
