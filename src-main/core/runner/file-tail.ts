import fs from 'node:fs';

const READ_BYTES = 1024 * 1024;
/** inotify wakes us at once on Linux; the poll is a safety net elsewhere. */
const POLL_MS = 25;

/**
 * Follows a file another process writes, handing each new run of bytes to
 * `onChunk` in order. The agent writes its output straight to the log file,
 * so the log holds every byte it wrote even if Claudomator dies, and a slow
 * reader never blocks the agent.
 */
export class FileTail {
  private fd: number | null = null;
  private position = 0;
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  private readonly buffer = Buffer.alloc(READ_BYTES);

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
    this.timer = setInterval(() => void this.pump(), POLL_MS);
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
      const n = await new Promise<number>((resolve, reject) =>
        fs.read(fd, this.buffer, 0, READ_BYTES, this.position, (err, bytes) =>
          err ? reject(err) : resolve(bytes),
        ),
      );
      if (n === 0) return;
      this.position += n;
      // Copy: the read buffer is reused for the next read.
      this.onChunk(Buffer.from(this.buffer.subarray(0, n)));
    }
  }
}
