/**
 * The last `limit` characters a terminal printed, with the offset (characters
 * since it started) where they begin, so a view can join the live stream
 * without a gap or an overlap.
 */
export class Scrollback {
  private parts: string[] = [];
  private length = 0;
  /** Characters printed since the start, dropped ones included. */
  private written = 0;

  constructor(private readonly limit: number) {}

  push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    this.written += text.length;
    while (this.length > this.limit && this.parts.length > 0) {
      const over = this.length - this.limit;
      const first = this.parts[0]!;
      if (first.length <= over) {
        this.parts.shift();
        this.length -= first.length;
      } else {
        this.parts[0] = first.slice(over);
        this.length -= over;
      }
    }
  }

  /** Offset of the next character to be printed. */
  get end(): number {
    return this.written;
  }

  snapshot(): { offset: number; data: string } {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return { offset: this.written - this.length, data: this.parts[0] ?? '' };
  }
}
