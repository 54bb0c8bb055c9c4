import type { TranscriptEvent } from '../../../src-shared/domain';
import type { Handlers } from '../../../src-shared/contract';
import { readLogRange, readRanges } from '../logs/read-log';
import { MAX_INLINE_EVENT_BYTES } from '../runner/stdout-ingest';
import type { EngineContext } from './context';

function parseEventData(bytes: Buffer, type: string): unknown {
  if (bytes.length === 0) return null;
  const text = bytes.toString('utf8');
  if (type === '_raw') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function executionHandlers(
  ctx: EngineContext,
): Pick<Handlers, 'executions.readLog' | 'executions.events'> {
  return {
    'executions.readLog': async ({ executionId, stream, offset, limit, encoding }) => {
      const e = ctx.store.executions.get(executionId);
      return readLogRange(
        stream === 'stdout' ? e.stdoutPath : e.stderrPath,
        offset ?? 0,
        limit,
        encoding ?? 'utf8',
      );
    },
    'executions.events': async ({ executionId, afterSeq, limit }) => {
      const e = ctx.store.executions.get(executionId);
      const index = ctx.store.events.page(executionId, afterSeq ?? -1, limit ?? 500);
      const inline = index.filter(
        (i) => i.length <= MAX_INLINE_EVENT_BYTES && i.type !== '_oversize',
      );
      const bytes = await readRanges(e.stdoutPath, inline);
      const data = new Map(inline.map((i, n) => [i.seq, parseEventData(bytes[n]!, i.type)]));
      const events: TranscriptEvent[] = index.map((i) => ({
        executionId,
        seq: i.seq,
        offset: i.offset,
        length: i.length,
        type: i.type,
        subtype: i.subtype,
        data: data.get(i.seq) ?? null,
      }));
      return { events, lastSeq: ctx.store.events.lastSeq(executionId) };
    },
  };
}
