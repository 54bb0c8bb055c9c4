import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptEvent } from '../../src-shared/domain';
import type { EventIndexEntry } from '../../src-main/core/store/events-repo';
import {
  MAX_INLINE_EVENT_BYTES,
  StdoutIngest,
  classifyLine,
} from '../../src-main/core/runner/stdout-ingest';
import { StreamInterpreter } from '../../src-main/core/runner/stream-signals';

const line = (text: string): { bytes: Buffer; offset: number; length: number } => {
  const bytes = Buffer.from(text);
  return { bytes, offset: 0, length: bytes.length };
};

describe('classifyLine', () => {
  it('reads type, subtype and data from a JSON object', () => {
    expect(classifyLine(line('{"type":"system","subtype":"init","x":1}'))).toEqual({
      type: 'system',
      subtype: 'init',
      data: { type: 'system', subtype: 'init', x: 1 },
    });
    expect(classifyLine(line('{"type":"assistant","subtype":3}'))).toEqual({
      type: 'assistant',
      subtype: null,
      data: { type: 'assistant', subtype: 3 },
    });
  });

  it('marks an object without a string type as _untyped', () => {
    expect(classifyLine(line('{"a":1}')).type).toBe('_untyped');
    expect(classifyLine(line('{"type":5}')).type).toBe('_untyped');
  });

  it('marks non-JSON, truncated JSON, arrays and scalars as _raw', () => {
    for (const text of ['not json', '{"type":"assistant","message":{', '[1,2]', '42', 'null']) {
      expect(classifyLine(line(text)), text).toEqual({ type: '_raw', subtype: null, data: null });
    }
    const bad = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(classifyLine({ bytes: bad, offset: 0, length: 3 }).type).toBe('_raw');
  });

  it('marks an oversize line as _oversize', () => {
    expect(classifyLine({ bytes: null, offset: 5, length: 1e9 })).toEqual({
      type: '_oversize',
      subtype: null,
      data: null,
    });
  });
});

function harness(opts: { live?: boolean; lastSeq?: number } = {}) {
  const batches: EventIndexEntry[][] = [];
  const live: TranscriptEvent[][] = [];
  const interpreter = new StreamInterpreter();
  const ingest = new StdoutIngest(
    'exec-1',
    interpreter,
    {
      index: (entries) => batches.push([...entries]),
      ...(opts.live === false ? {} : { live: (events: TranscriptEvent[]) => live.push(events) }),
    },
    { lastSeq: opts.lastSeq },
  );
  return { batches, live, interpreter, ingest };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('StdoutIngest', () => {
  it('indexes every line with seq, byte range, type and subtype', () => {
    const h = harness();
    const stream =
      '{"type":"system","subtype":"init","session_id":"s1"}\n' +
      '\n' +
      'garbage\n' +
      '{"type":"result","subtype":"success","total_cost_usd":0.5}';
    h.ingest.push(Buffer.from(stream.slice(0, 20)));
    h.ingest.push(Buffer.from(stream.slice(20)));
    h.ingest.finish();
    const entries = h.batches.flat();
    const firstLen = stream.indexOf('\n');
    expect(entries).toEqual([
      { seq: 0, offset: 0, length: firstLen, type: 'system', subtype: 'init' },
      { seq: 1, offset: firstLen + 2, length: 7, type: '_raw', subtype: null },
      {
        seq: 2,
        offset: firstLen + 10,
        length: stream.length - firstLen - 10,
        type: 'result',
        subtype: 'success',
      },
    ]);
    // The interpreter saw the parsed lines.
    expect(h.interpreter.outcome.sessionId).toBe('s1');
    expect(h.interpreter.outcome.sessionCostUsd).toBe(0.5);
  });

  it('continues numbering after lastSeq', () => {
    const h = harness({ lastSeq: 41 });
    h.ingest.push(Buffer.from('{"type":"a"}\n{"type":"b"}\n'));
    h.ingest.finish();
    expect(h.batches.flat().map((e) => e.seq)).toEqual([42, 43]);
    expect(h.live.flat().map((e) => e.seq)).toEqual([42, 43]);
  });

  it('batches: nothing is written synchronously for a few lines, one write after 50 ms', () => {
    vi.useFakeTimers();
    const h = harness();
    h.ingest.push(Buffer.from('{"type":"a"}\n'));
    h.ingest.push(Buffer.from('{"type":"b"}\n'));
    expect(h.batches).toHaveLength(0);
    expect(h.live).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(h.batches).toHaveLength(1);
    expect(h.batches[0]!.map((e) => e.type)).toEqual(['a', 'b']);
    expect(h.live).toHaveLength(1);
    expect(h.live[0]!.map((e) => e.type)).toEqual(['a', 'b']);
  });

  it('flushes at once when a batch reaches 1000 entries', () => {
    vi.useFakeTimers();
    const h = harness();
    h.ingest.push(Buffer.from('{"type":"x"}\n'.repeat(1000)));
    expect(h.batches).toHaveLength(1);
    expect(h.batches[0]).toHaveLength(1000);
  });

  it('flush() writes pending entries now and clears the timer', () => {
    vi.useFakeTimers();
    const h = harness();
    h.ingest.push(Buffer.from('{"type":"a"}\n'));
    h.ingest.flush();
    expect(h.batches).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(h.batches).toHaveLength(1);
  });

  it('a partial line waits for its newline, or for finish()', () => {
    vi.useFakeTimers();
    const h = harness();
    h.ingest.push(Buffer.from('{"type":"par'));
    vi.advanceTimersByTime(100);
    expect(h.batches).toHaveLength(0);
    h.ingest.push(Buffer.from('tial"}'));
    h.ingest.finish();
    expect(h.batches.flat()).toEqual([
      { seq: 0, offset: 0, length: 18, type: 'partial', subtype: null },
    ]);
  });

  it('live events carry parsed data, or the raw text for non-JSON lines', () => {
    const h = harness();
    h.ingest.push(Buffer.from('{"type":"assistant","n":1}\nplain text\n'));
    h.ingest.finish();
    const [a, b] = h.live.flat();
    expect(a).toEqual({
      executionId: 'exec-1',
      seq: 0,
      offset: 0,
      length: 26,
      type: 'assistant',
      subtype: null,
      data: { type: 'assistant', n: 1 },
    });
    expect(b).toMatchObject({ type: '_raw', data: 'plain text', offset: 27, length: 10 });
  });

  it('live events over MAX_INLINE_EVENT_BYTES carry no data but are still indexed and read', () => {
    const h = harness();
    const pad = 'x'.repeat(MAX_INLINE_EVENT_BYTES);
    const big = JSON.stringify({ type: 'result', subtype: 'success', total_cost_usd: 1.5, pad });
    const atLimit = JSON.stringify({
      type: 'assistant',
      pad: 'y'.repeat(MAX_INLINE_EVENT_BYTES - 30),
    });
    expect(Buffer.byteLength(atLimit)).toBeLessThanOrEqual(MAX_INLINE_EVENT_BYTES);
    h.ingest.push(Buffer.from(`${big}\n${atLimit}\n`));
    h.ingest.finish();
    const [bigEvent, smallEvent] = h.live.flat();
    expect(bigEvent).toMatchObject({ type: 'result', length: big.length, data: null });
    expect(smallEvent!.data).toEqual(JSON.parse(atLimit));
    expect(h.batches.flat()[0]).toMatchObject({ type: 'result', subtype: 'success' });
    expect(h.interpreter.outcome.sessionCostUsd).toBe(1.5);
  });

  it('without a live sink only the index is written', () => {
    const h = harness({ live: false });
    h.ingest.push(Buffer.from('{"type":"a"}\n'));
    h.ingest.finish();
    expect(h.batches.flat()).toHaveLength(1);
    expect(h.live).toHaveLength(0);
  });

  it('finish() with nothing pending writes nothing', () => {
    const h = harness();
    h.ingest.finish();
    expect(h.batches).toHaveLength(0);
    expect(h.live).toHaveLength(0);
  });
});
