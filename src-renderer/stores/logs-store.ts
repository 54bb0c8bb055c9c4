import { create } from 'zustand';
import type { LogStream } from '../../src-shared/domain';
import type { EventPayloads } from '../../src-shared/contract';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';
import { dropUtf8Prefix, utf8ByteLength } from '../lib/utf8';

/** Bytes shown at first: the end of the log. Earlier parts load on demand. */
export const TAIL_BYTES = 512 * 1024;
/** Bytes per forward read while catching up. */
const READ_BYTES = 1024 * 1024;
/** Most bytes held; beyond that the oldest lines are dropped (and can be loaded again). */
export const MAX_HELD_BYTES = 8 * 1024 * 1024;

interface LogsState {
  executionId: string | null;
  stream: LogStream;
  /** The text held, split on newlines; the last entry is the unfinished line ('' after a newline). */
  lines: string[];
  /** Byte offset in the log where lines[0] starts; > 0 when earlier output is not loaded. */
  startOffset: number;
  /** Byte offset just after the text held: where live output must continue. */
  nextOffset: number;
  loading: boolean;
  error: string | null;
  open(executionId: string | null, stream: LogStream): void;
  appendLive(out: EventPayloads['execution.output']): void;
  /** Reads what the log has beyond nextOffset (a gap in live output, an execution ending). */
  catchUp(): void;
  loadEarlier(): Promise<void>;
}

let generation = 0;
let reading = false;
let readAgain = false;

function decodeBase64(data: string): Uint8Array {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const decoder = new TextDecoder('utf-8');

/** Reads bytes [offset, offset+limit) and drops everything up to the first newline when asked. */
async function readFromLineStart(
  executionId: string,
  stream: LogStream,
  offset: number,
  limit: number,
  skipPartialLine: boolean,
): Promise<{ text: string; start: number; end: number; size: number }> {
  const res = await api().request('executions.readLog', {
    executionId,
    stream,
    offset,
    limit,
    encoding: 'base64',
  });
  let bytes = decodeBase64(res.data);
  let start = res.offset;
  if (skipPartialLine && start > 0) {
    const nl = bytes.indexOf(0x0a);
    if (nl >= 0) {
      bytes = bytes.subarray(nl + 1);
      start += nl + 1;
    }
  }
  return { text: decoder.decode(bytes), start, end: res.nextOffset, size: res.size };
}

function appendText(lines: string[], text: string): string[] {
  if (!text) return lines;
  const next = lines.slice();
  const last = next.pop() ?? '';
  const parts = (last + text).split('\n');
  for (const p of parts) next.push(p);
  return next;
}

/** Keeps the held text under MAX_HELD_BYTES by dropping whole lines from the start. */
function trimHead(
  lines: string[],
  startOffset: number,
  heldBytes: number,
): { lines: string[]; startOffset: number } {
  if (heldBytes <= MAX_HELD_BYTES) return { lines, startOffset };
  let drop = 0;
  let bytes = heldBytes;
  let offset = startOffset;
  while (bytes > MAX_HELD_BYTES * 0.75 && drop < lines.length - 1) {
    const n = utf8ByteLength(lines[drop]!) + 1;
    bytes -= n;
    offset += n;
    drop++;
  }
  return { lines: lines.slice(drop), startOffset: offset };
}

export const useLogs = create<LogsState>()((set, get) => {
  const append = (text: string, newNext: number): void => {
    set((s) => {
      const lines = appendText(s.lines, text);
      const trimmed = trimHead(lines, s.startOffset, newNext - s.startOffset);
      return { ...trimmed, nextOffset: newNext };
    });
  };

  const openTail = async (gen: number, executionId: string, stream: LogStream): Promise<void> => {
    try {
      const probe = await api().request('executions.readLog', {
        executionId,
        stream,
        offset: 0,
        limit: TAIL_BYTES,
      });
      if (gen !== generation) return;
      if (probe.eof || probe.size <= TAIL_BYTES) {
        set({
          lines: appendText([''], probe.data),
          startOffset: 0,
          nextOffset: probe.nextOffset,
          loading: false,
        });
      } else {
        const from = Math.max(0, probe.size - TAIL_BYTES);
        const tail = await readFromLineStart(executionId, stream, from, TAIL_BYTES, true);
        if (gen !== generation) return;
        set({
          lines: appendText([''], tail.text),
          startOffset: tail.start,
          nextOffset: tail.end,
          loading: false,
        });
      }
      get().catchUp();
    } catch (err) {
      if (gen === generation) set({ loading: false, error: errorMessage(err) });
    }
  };

  return {
    executionId: null,
    stream: 'stdout',
    lines: [''],
    startOffset: 0,
    nextOffset: 0,
    loading: false,
    error: null,

    open(executionId, stream) {
      const s = get();
      if (s.executionId === executionId && s.stream === stream) return;
      generation++;
      reading = false;
      readAgain = false;
      set({
        executionId,
        stream,
        lines: [''],
        startOffset: 0,
        nextOffset: 0,
        loading: !!executionId,
        error: null,
      });
      if (executionId) void openTail(generation, executionId, stream);
    },

    appendLive(out) {
      const s = get();
      if (out.executionId !== s.executionId || out.stream !== s.stream || s.loading) return;
      if (reading) {
        readAgain = true;
        return;
      }
      if (out.offset === s.nextOffset) {
        append(out.chunk, s.nextOffset + utf8ByteLength(out.chunk));
      } else if (out.offset < s.nextOffset) {
        const end = out.offset + utf8ByteLength(out.chunk);
        if (end > s.nextOffset) append(dropUtf8Prefix(out.chunk, s.nextOffset - out.offset), end);
      } else {
        // Output we never saw (dropped while this page was slow): read it from the log.
        get().catchUp();
      }
    },

    catchUp() {
      const { executionId, stream, loading } = get();
      // While the first read is on its way, it catches up itself when done.
      if (!executionId || loading) return;
      if (reading) {
        readAgain = true;
        return;
      }
      const gen = generation;
      reading = true;
      void (async () => {
        try {
          do {
            readAgain = false;
            for (;;) {
              const res = await api().request('executions.readLog', {
                executionId,
                stream,
                offset: get().nextOffset,
                limit: READ_BYTES,
              });
              if (gen !== generation) return;
              // Something else moved the held text on meanwhile: read from there.
              if (res.offset !== get().nextOffset) continue;
              if (res.size - res.nextOffset > MAX_HELD_BYTES) {
                // Far behind: jump to the end rather than read megabytes nobody will scroll.
                const tail = await readFromLineStart(
                  executionId,
                  stream,
                  res.size - TAIL_BYTES,
                  TAIL_BYTES,
                  true,
                );
                if (gen !== generation) return;
                set({
                  lines: appendText([''], tail.text),
                  startOffset: tail.start,
                  nextOffset: tail.end,
                });
                break;
              }
              append(res.data, res.nextOffset);
              if (res.eof) break;
            }
          } while (readAgain);
        } catch (err) {
          if (gen === generation) set({ error: errorMessage(err) });
        } finally {
          if (gen === generation) reading = false;
        }
      })();
    },

    async loadEarlier() {
      const { executionId, stream, startOffset } = get();
      if (!executionId || startOffset === 0) return;
      const gen = generation;
      const from = Math.max(0, startOffset - TAIL_BYTES);
      try {
        const part = await readFromLineStart(
          executionId,
          stream,
          from,
          startOffset - from,
          from > 0,
        );
        if (gen !== generation) return;
        set((s) => {
          const head = part.text.split('\n');
          // The part ends exactly where lines[0] starts.
          const merged = head.slice(0, -1);
          merged.push(head[head.length - 1]! + (s.lines[0] ?? ''));
          for (let i = 1; i < s.lines.length; i++) merged.push(s.lines[i]!);
          return { lines: merged, startOffset: part.start, error: null };
        });
      } catch (err) {
        if (gen === generation) set({ error: errorMessage(err) });
      }
    },
  };
});
