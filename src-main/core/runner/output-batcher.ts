import { completeUtf8Prefix } from '../logs/utf8';

/** How long live output waits before it is sent: about a frame, so batched yet prompt on screen. */
export const FRAME_MS = 16;
const FLUSH_AT_BYTES = 256 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Batches raw output into text chunks for live viewers: one event per frame
 * (or 256 KB) instead of one per pipe read. A UTF-8 character split
 * between reads is held back until it is whole, and each batch's offset is the
 * byte where its text starts in the log, so viewers can line chunks up with
 * pages read from the file.
 */
export class OutputBatcher {
  private carry: Buffer = EMPTY;
  private parts: string[] = [];
  private bytes = 0;
  /** Bytes of the stream seen so far (including the carried partial character). */
  private offset = 0;
  private batchOffset = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (offset: number, chunk: string) => void) {}

  push(chunk: Buffer): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const start = this.offset - this.carry.length;
    const cut = completeUtf8Prefix(buf);
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : EMPTY;
    this.offset += chunk.length;
    if (cut === 0) return;
    if (this.parts.length === 0) this.batchOffset = start;
    this.parts.push(buf.subarray(0, cut).toString('utf8'));
    this.bytes += cut;
    if (this.bytes >= FLUSH_AT_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FRAME_MS);
  }

  /** Advances past output nobody was watching. */
  skip(length: number): void {
    this.flush();
    this.offset += length;
    this.carry = EMPTY;
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.bytes = 0;
    this.emit(this.batchOffset, chunk);
  }
}
