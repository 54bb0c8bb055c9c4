/** One complete line of a byte stream, with where it sits in that stream. */
export interface Line {
  /** The line's bytes without the newline; null when it exceeded the parse cap. */
  bytes: Buffer | null;
  offset: number;
  /** Length in the stream, newline excluded. */
  length: number;
}

/**
 * Splits a byte stream into lines as chunks arrive: lines of any length,
 * split anywhere, and a last line with no newline (flush). Lines longer than
 * `maxLineBytes` are still counted and indexed but not kept in memory, so a
 * runaway agent cannot grow the main process without bound.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partLen = 0;
  private oversize = false;
  private lineStart: number;

  /** `startOffset`: where in the stream the first chunk begins (a log read from the middle). */
  constructor(
    private readonly maxLineBytes = 64 * 1024 * 1024,
    startOffset = 0,
  ) {
    this.lineStart = startOffset;
  }

  push(chunk: Buffer, onLine: (line: Line) => void): void {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(10, from);
      if (nl === -1) {
        this.keep(chunk.subarray(from));
        break;
      }
      this.keep(chunk.subarray(from, nl));
      this.emit(onLine, 1);
      from = nl + 1;
    }
  }

  /** Emits a trailing line that had no newline. */
  flush(onLine: (line: Line) => void): void {
    if (this.partLen > 0 || this.oversize) this.emit(onLine, 0);
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.partLen += part.length;
    if (this.oversize) return;
    if (this.partLen > this.maxLineBytes) {
      this.oversize = true;
      this.parts = [];
      return;
    }
    // Copy: the chunk's memory may be reused by the stream after we return.
    this.parts.push(Buffer.from(part));
  }

  private emit(onLine: (line: Line) => void, newlineBytes: number): void {
    const length = this.partLen;
    const bytes = this.oversize
      ? null
      : this.parts.length === 1
        ? this.parts[0]!
        : Buffer.concat(this.parts, length);
    const offset = this.lineStart;
    this.lineStart = offset + length + newlineBytes;
    this.parts = [];
    this.partLen = 0;
    this.oversize = false;
    if (length > 0 || bytes === null) onLine({ bytes, offset, length });
  }
}
