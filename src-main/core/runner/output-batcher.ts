import { StringDecoder } from 'node:string_decoder';

const FLUSH_EVERY_MS = 50;
const FLUSH_AT_BYTES = 256 * 1024;

/**
 * Batches raw output into text chunks for live viewers: one event per 50 ms
 * (or 256 KB) instead of one per pipe read, decoded without splitting UTF-8
 * characters across chunks.
 */
export class OutputBatcher {
  private decoder = new StringDecoder('utf8');
  private parts: string[] = [];
  private bytes = 0;
  private offset = 0;
  private batchOffset = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (offset: number, chunk: string) => void) {}

  push(chunk: Buffer): void {
    if (this.parts.length === 0) this.batchOffset = this.offset;
    this.parts.push(this.decoder.write(chunk));
    this.bytes += chunk.length;
    this.offset += chunk.length;
    if (this.bytes >= FLUSH_AT_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  /** Advances the offset for output nobody was watching. */
  skip(length: number): void {
    this.flush();
    this.offset += length;
    this.decoder = new StringDecoder('utf8');
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
    if (chunk.length > 0) this.emit(this.batchOffset, chunk);
  }
}
