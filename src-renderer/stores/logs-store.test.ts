// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { setupFakeApi } from '../test-support/setup';
import { TAIL_BYTES, useLogs } from './logs-store';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('logs store', () => {
  const fake = setupFakeApi();
  let file = new Uint8Array();

  function serveLog(text: string) {
    file = new TextEncoder().encode(text);
    fake.current.handle(
      'executions.readLog',
      ({ offset = 0, limit = 256 * 1024, encoding = 'utf8' }) => {
        const start = Math.min(offset, file.length);
        const bytes = file.subarray(start, Math.min(file.length, start + limit));
        const data =
          encoding === 'base64'
            ? btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))
            : new TextDecoder().decode(bytes);
        const nextOffset = start + bytes.length;
        return {
          data,
          encoding,
          offset: start,
          nextOffset,
          size: file.length,
          eof: nextOffset >= file.length,
        };
      },
    );
  }
  const append = (text: string) => {
    const more = new TextEncoder().encode(text);
    const next = new Uint8Array(file.length + more.length);
    next.set(file);
    next.set(more, file.length);
    file = next;
  };
  const out = (offset: number, chunk: string, executionId = 'e1') => ({
    executionId,
    taskId: 't1',
    stream: 'stdout' as const,
    offset,
    chunk,
  });

  it('reads a short log whole and appends live output that lines up', async () => {
    serveLog('one\ntwo\n');
    useLogs.getState().open('e1', 'stdout');
    await flush();
    expect(useLogs.getState().lines).toEqual(['one', 'two', '']);
    expect(useLogs.getState().nextOffset).toBe(8);

    useLogs.getState().appendLive(out(8, 'thr'));
    useLogs.getState().appendLive(out(11, 'ée\nfour'));
    expect(useLogs.getState().lines).toEqual(['one', 'two', 'thrée', 'four']);
    expect(useLogs.getState().nextOffset).toBe(8 + 3 + 8);
    // output of another execution or stream is not ours
    useLogs.getState().appendLive(out(19, 'x', 'e2'));
    useLogs.getState().appendLive({ ...out(19, 'y'), stream: 'stderr' });
    expect(useLogs.getState().lines.at(-1)).toBe('four');
  });

  it('keeps only the new part of a chunk it partly has', async () => {
    serveLog('abc');
    useLogs.getState().open('e1', 'stdout');
    await flush();
    useLogs.getState().appendLive(out(1, 'bcdef'));
    expect(useLogs.getState().lines).toEqual(['abcdef']);
    useLogs.getState().appendLive(out(0, 'ab')); // all old
    expect(useLogs.getState().lines).toEqual(['abcdef']);
  });

  it('re-reads the log when live output skipped ahead (a gap)', async () => {
    serveLog('start\n');
    useLogs.getState().open('e1', 'stdout');
    await flush();
    append('missed\nlive\n');
    useLogs.getState().appendLive(out(13, 'live\n'));
    await flush();
    expect(useLogs.getState().lines).toEqual(['start', 'missed', 'live', '']);
    const reads = fake.current.calls('executions.readLog');
    expect(reads.at(-1)).toMatchObject({ offset: 6 });
  });

  it('opens a long log at its end, on a line boundary, and loads earlier parts on demand', async () => {
    const line = (i: number) => `line ${String(i).padStart(6, '0')}\n`; // 12 bytes
    const total = Math.ceil((TAIL_BYTES * 1.5) / 12);
    serveLog(Array.from({ length: total }, (_, i) => line(i)).join(''));
    useLogs.getState().open('e1', 'stdout');
    await flush();
    const s = useLogs.getState();
    expect(s.startOffset).toBeGreaterThan(0);
    expect(s.startOffset % 12).toBe(0); // whole lines only
    expect(s.lines[0]).toBe(`line ${String(s.startOffset / 12).padStart(6, '0')}`);
    expect(s.lines.at(-2)).toBe(`line ${String(total - 1).padStart(6, '0')}`);
    expect(s.nextOffset).toBe(total * 12);

    await useLogs.getState().loadEarlier();
    const after = useLogs.getState();
    expect(after.startOffset).toBe(0);
    expect(after.lines[0]).toBe('line 000000');
    expect(after.lines.length).toBe(total + 1);
    expect(new Set(after.lines).size).toBe(total + 1); // nothing twice
  });

  it('shows why a log cannot be read', async () => {
    fake.current.handle('executions.readLog', () => {
      throw new Error('execution e1 not found');
    });
    useLogs.getState().open('e1', 'stdout');
    await flush();
    expect(useLogs.getState().error).toBe('execution e1 not found');
  });
});
