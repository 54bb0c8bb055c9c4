import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRAME_MS, OutputBatcher } from '../../src-main/core/runner/output-batcher';

function batcher(): { b: OutputBatcher; out: [number, string][] } {
  const out: [number, string][] = [];
  const b = new OutputBatcher((offset, chunk) => out.push([offset, chunk]));
  return { b, out };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('OutputBatcher', () => {
  it('emits one batch per frame, not one per push', () => {
    vi.useFakeTimers();
    const { b, out } = batcher();
    b.push(Buffer.from('ab'));
    b.push(Buffer.from('cd'));
    expect(out).toEqual([]);
    vi.advanceTimersByTime(FRAME_MS - 1);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([[0, 'abcd']]);
    b.push(Buffer.from('ef'));
    vi.advanceTimersByTime(FRAME_MS);
    expect(out).toEqual([
      [0, 'abcd'],
      [4, 'ef'],
    ]);
  });

  it('emits at once when a batch reaches 256 KB', () => {
    vi.useFakeTimers();
    const { b, out } = batcher();
    b.push(Buffer.alloc(256 * 1024 - 1, 0x61));
    expect(out).toHaveLength(0);
    b.push(Buffer.from('b'));
    expect(out).toHaveLength(1);
    expect(out[0]![0]).toBe(0);
    expect(out[0]![1]).toHaveLength(256 * 1024);
  });

  it('keeps a UTF-8 character split across pushes whole', () => {
    const { b, out } = batcher();
    const euro = Buffer.from('€', 'utf8');
    b.push(euro.subarray(0, 1));
    b.push(euro.subarray(1));
    b.flush();
    expect(out).toEqual([[0, '€']]);
  });

  it('keeps a UTF-8 character split across batches whole', () => {
    const { b, out } = batcher();
    const text = 'ab😀cd';
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      b.push(bytes.subarray(i, i + 1));
      b.flush();
    }
    const joined = out.map(([, c]) => c).join('');
    expect(joined).toBe(text);
    expect(joined).not.toContain('\ufffd');
  });

  it('offsets count bytes, not characters', () => {
    const { b, out } = batcher();
    b.push(Buffer.from('é€'));
    b.flush();
    b.push(Buffer.from('x'));
    b.flush();
    expect(out).toEqual([
      [0, 'é€'],
      [5, 'x'],
    ]);
  });

  it('each batch’s offset is where its text starts, even after a character split at a batch end', () => {
    // The stream is "a€b": a at 0, € at 1..3, b at 4. A batch ends inside €.
    const stream = Buffer.from('a€b', 'utf8');
    const { b, out } = batcher();
    b.push(stream.subarray(0, 3));
    b.flush();
    b.push(stream.subarray(3));
    b.flush();
    expect(out).toEqual([
      [0, 'a'],
      [1, '€b'],
    ]);
    for (const [offset, chunk] of out) {
      const len = Buffer.byteLength(chunk);
      expect(stream.subarray(offset, offset + len).toString('utf8')).toBe(chunk);
    }
  });

  it('skip() flushes what is pending, then advances the offset', () => {
    vi.useFakeTimers();
    const { b, out } = batcher();
    b.push(Buffer.from('abc'));
    b.skip(10);
    expect(out).toEqual([[0, 'abc']]);
    b.push(Buffer.from('z'));
    b.flush();
    expect(out).toEqual([
      [0, 'abc'],
      [13, 'z'],
    ]);
    // The timer of the skipped batch was cleared: nothing more arrives.
    vi.advanceTimersByTime(1000);
    expect(out).toHaveLength(2);
  });

  it('skip() forgets a partial character so later output does not start garbled', () => {
    const { b, out } = batcher();
    b.push(Buffer.from([0xe2, 0x82])); // first two bytes of €
    b.skip(1); // its last byte went by unwatched
    b.push(Buffer.from('ok'));
    b.flush();
    expect(out).toEqual([[3, 'ok']]);
  });

  it('flush() with nothing pending emits nothing', () => {
    const { b, out } = batcher();
    b.flush();
    b.push(Buffer.alloc(0));
    b.flush();
    expect(out).toEqual([]);
  });
});
