import type { TranscriptEvent } from '../../../src-shared/domain';
import type { EventIndexEntry } from '../store/events-repo';
import { LineSplitter, type Line } from './line-splitter';
import { FRAME_MS } from './output-batcher';
import type { StreamInterpreter } from './stream-signals';

/** Lines larger than this are indexed but not shipped inline to the UI. */
export const MAX_INLINE_EVENT_BYTES = 256 * 1024;
const FLUSH_EVERY_MS = 50;
const FLUSH_AT_ENTRIES = 1000;
/** Lines per index transaction when a whole log is read (5,000 cost a third less per line than 1,000). */
export const FLOOD_BATCH_LINES = 5000;

export interface IngestSinks {
  /** Persists index entries (one transaction per batch). */
  index(entries: EventIndexEntry[]): void;
  /** Live transcript events for subscribed UIs; absent when nobody listens. */
  live?: (events: TranscriptEvent[]) => void;
  /**
   * Whether anyone listens right now (default: yes). When nobody does, live
   * events are not even built: a flood costs only the parse and the index.
   */
  wantsLive?: () => boolean;
}

export function classifyLine(line: Line): {
  type: string;
  subtype: string | null;
  data: Record<string, unknown> | null;
} {
  if (line.bytes === null) return { type: '_oversize', subtype: null, data: null };
  const text = line.bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { type: '_raw', subtype: null, data: null };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { type: '_raw', subtype: null, data: null };
  }
  const obj = parsed as Record<string, unknown>;
  return {
    type: typeof obj.type === 'string' ? obj.type : '_untyped',
    subtype: typeof obj.subtype === 'string' ? obj.subtype : null,
    data: obj,
  };
}

/**
 * Turns the agent's stdout into a transcript as it arrives: splits lines,
 * feeds the interpreter, and indexes each line by byte range. Writes are
 * batched so a flood of small lines costs one transaction per batch.
 */
export interface IngestStart {
  /** The last seq already indexed for this execution (-1: none). */
  lastSeq?: number;
  /** Byte offset in stdout.log where the pushed bytes begin. */
  startOffset?: number;
  /** A flood is indexed in batches of this many lines (bigger: fewer, cheaper transactions). */
  flushAtEntries?: number;
}

export class StdoutIngest {
  private readonly splitter: LineSplitter;
  private seq: number;
  private readonly flushAtEntries: number;
  private pendingIndex: EventIndexEntry[] = [];
  private pendingLive: TranscriptEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private liveTimer: NodeJS.Timeout | null = null;
  private liveNow = false;

  constructor(
    private readonly executionId: string,
    private readonly interpreter: StreamInterpreter,
    private readonly sinks: IngestSinks,
    start: IngestStart = {},
  ) {
    this.seq = start.lastSeq ?? -1;
    this.flushAtEntries = start.flushAtEntries ?? FLUSH_AT_ENTRIES;
    this.splitter = new LineSplitter(undefined, start.startOffset ?? 0);
  }

  push(chunk: Buffer): void {
    this.liveNow = this.sinks.live !== undefined && (this.sinks.wantsLive?.() ?? true);
    this.splitter.push(chunk, (line) => this.onLine(line));
    if (this.pendingIndex.length >= this.flushAtEntries) this.flush();
    else {
      if (this.pendingIndex.length > 0 && !this.timer) {
        this.timer = setTimeout(() => this.flush(), FLUSH_EVERY_MS);
      }
      if (this.pendingLive.length > 0 && !this.liveTimer) {
        this.liveTimer = setTimeout(() => this.flushLive(), FRAME_MS);
      }
    }
  }

  /** Call when the stream has ended: emits a last line without newline and flushes. */
  finish(): void {
    this.liveNow = this.sinks.live !== undefined && (this.sinks.wantsLive?.() ?? true);
    this.splitter.flush((line) => this.onLine(line));
    this.flush();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pendingIndex.length > 0) {
      this.sinks.index(this.pendingIndex);
      this.pendingIndex = [];
    }
    this.flushLive();
  }

  private flushLive(): void {
    if (this.liveTimer) {
      clearTimeout(this.liveTimer);
      this.liveTimer = null;
    }
    if (this.pendingLive.length > 0) {
      this.sinks.live?.(this.pendingLive);
      this.pendingLive = [];
    }
  }

  private onLine(line: Line): void {
    const { type, subtype, data } = classifyLine(line);
    if (data) this.interpreter.observe(data);
    const seq = ++this.seq;
    this.pendingIndex.push({ seq, offset: line.offset, length: line.length, type, subtype });
    if (this.liveNow) {
      this.pendingLive.push({
        executionId: this.executionId,
        seq,
        offset: line.offset,
        length: line.length,
        type,
        subtype,
        data: line.length <= MAX_INLINE_EVENT_BYTES ? (data ?? line.bytes?.toString('utf8')) : null,
      });
    }
  }
}
