import { describe, expect, it } from 'vitest';
import { LineSplitter, type Line } from '../../src-main/core/runner/line-splitter';

interface Seen {
  text: string | null;
  offset: number;
  length: number;
}

/** mulberry32: a tiny seeded PRNG so every run splits the same way. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const show = (l: Line): Seen => ({
  text: l.bytes === null ? null : l.bytes.toString('latin1'),
  offset: l.offset,
  length: l.length,
});

/** Feeds the stream split at the given points, then flushes. */
function split(stream: Buffer, cuts: number[], maxLineBytes?: number): Seen[] {
  const splitter = new LineSplitter(maxLineBytes);
  const out: Seen[] = [];
  const onLine = (l: Line): void => {
    out.push(show(l));
  };
  let from = 0;
  for (const cut of [...cuts, stream.length]) {
    splitter.push(stream.subarray(from, cut), onLine);
    from = cut;
  }
  splitter.flush(onLine);
  return out;
}

/** The obvious reference: split the whole buffer on \n, skip empty lines. */
function reference(stream: Buffer, maxLineBytes = Infinity): Seen[] {
  const out: Seen[] = [];
  let start = 0;
  for (let i = 0; i <= stream.length; i++) {
    if (i === stream.length || stream[i] === 10) {
      const length = i - start;
      if (length > 0) {
        out.push({
          text: length > maxLineBytes ? null : stream.subarray(start, i).toString('latin1'),
          offset: start,
          length,
        });
      }
      start = i + 1;
    }
  }
  return out;
}

function randomStream(rand: () => number): Buffer {
  const parts: Buffer[] = [];
  const lines = 1 + Math.floor(rand() * 40);
  for (let i = 0; i < lines; i++) {
    const kind = rand();
    if (kind < 0.15) {
      parts.push(Buffer.from('\n')); // empty line
    } else if (kind < 0.3) {
      parts.push(Buffer.from('{"type":"x"}\r\n')); // CRLF
    } else if (kind < 0.4) {
      parts.push(Buffer.from([0xff, 0xfe, 0x80, 0x0a])); // invalid UTF-8
    } else if (kind < 0.5) {
      parts.push(Buffer.from('é€😀\n', 'utf8')); // multi-byte characters
    } else {
      const len = Math.floor(rand() * 300);
      const b = Buffer.alloc(len + 1);
      for (let j = 0; j < len; j++) b[j] = 32 + Math.floor(rand() * 90);
      b[len] = 10;
      parts.push(b);
    }
  }
  // Half the streams end without a newline: flush must emit the last line.
  if (rand() < 0.5) parts.push(Buffer.from('tail without newline'));
  return Buffer.concat(parts);
}

describe('LineSplitter', () => {
  it('yields the same lines and offsets however the stream is chunked', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed);
      const stream = randomStream(rand);
      const expected = reference(stream);
      // One chunk, one byte at a time, and random cut points.
      expect(split(stream, [])).toEqual(expected);
      if (seed <= 20) {
        const everyByte = Array.from({ length: stream.length }, (_, i) => i);
        expect(split(stream, everyByte)).toEqual(expected);
      }
      const cuts = new Set<number>();
      const n = Math.floor(rand() * 30);
      for (let i = 0; i < n; i++) cuts.add(Math.floor(rand() * (stream.length + 1)));
      const sorted = [...cuts].sort((a, b) => a - b);
      expect(split(stream, sorted), `seed ${seed}`).toEqual(expected);
    }
  });

  it('chunking with a small cap gives the same lines, oversize ones as bytes: null', () => {
    for (let seed = 1000; seed <= 1100; seed++) {
      const rand = prng(seed);
      const stream = randomStream(rand);
      const cap = 20 + Math.floor(rand() * 100);
      const expected = reference(stream, cap);
      const cuts = Array.from({ length: 10 }, () => Math.floor(rand() * stream.length)).sort(
        (a, b) => a - b,
      );
      expect(split(stream, cuts, cap), `seed ${seed}`).toEqual(expected);
    }
  });

  it('keeps a 20 MB line whole, split into pipe-sized chunks', () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x61);
    big[0] = 0x7b;
    big[big.length - 1] = 0x7d;
    const stream = Buffer.concat([Buffer.from('first\n'), big, Buffer.from('\nlast\n')]);
    const splitter = new LineSplitter();
    const lines: Line[] = [];
    for (let i = 0; i < stream.length; i += 65536) {
      splitter.push(stream.subarray(i, i + 65536), (l) => lines.push(l));
    }
    splitter.flush((l) => lines.push(l));
    expect(lines).toHaveLength(3);
    expect(lines[1]!.offset).toBe(6);
    expect(lines[1]!.length).toBe(big.length);
    expect(lines[1]!.bytes!.equals(big)).toBe(true);
    expect(lines[2]).toMatchObject({ offset: 6 + big.length + 1, length: 4 });
    expect(lines[2]!.bytes!.toString()).toBe('last');
  });

  it('emits a last line without newline only on flush', () => {
    const splitter = new LineSplitter();
    const lines: Seen[] = [];
    splitter.push(Buffer.from('one\ntwo'), (l) => lines.push(show(l)));
    expect(lines).toEqual([{ text: 'one', offset: 0, length: 3 }]);
    splitter.flush((l) => lines.push(show(l)));
    expect(lines).toEqual([
      { text: 'one', offset: 0, length: 3 },
      { text: 'two', offset: 4, length: 3 },
    ]);
    // Nothing left: a second flush emits nothing.
    splitter.flush((l) => lines.push(show(l)));
    expect(lines).toHaveLength(2);
  });

  it('skips empty lines but counts their bytes in later offsets', () => {
    expect(split(Buffer.from('\n\na\n\n\nbc\n'), [1, 4])).toEqual([
      { text: 'a', offset: 2, length: 1 },
      { text: 'bc', offset: 6, length: 2 },
    ]);
  });

  it('gives lines over the cap as bytes: null with their true offset and length', () => {
    const stream = Buffer.from('short\n0123456789abcdef\nok\n0123456789ABCDEFGH');
    expect(split(stream, [3, 9, 14, 30], 10)).toEqual([
      { text: 'short', offset: 0, length: 5 },
      { text: null, offset: 6, length: 16 },
      { text: 'ok', offset: 23, length: 2 },
      { text: null, offset: 26, length: 18 },
    ]);
  });

  it('keeps a line of exactly the cap, and the next line after an oversize one', () => {
    expect(split(Buffer.from('0123456789\n01234567890\nx\n'), [], 10)).toEqual([
      { text: '0123456789', offset: 0, length: 10 },
      { text: null, offset: 11, length: 11 },
      { text: 'x', offset: 23, length: 1 },
    ]);
  });

  it('keeps CRLF line ends as they are', () => {
    expect(split(Buffer.from('a\r\nb\r\n'), [2])).toEqual([
      { text: 'a\r', offset: 0, length: 2 },
      { text: 'b\r', offset: 3, length: 2 },
    ]);
  });

  it('preserves invalid UTF-8 bytes exactly', () => {
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x7d]);
    const lines: Line[] = [];
    const splitter = new LineSplitter();
    splitter.push(Buffer.concat([bad.subarray(0, 2)]), (l) => lines.push(l));
    splitter.push(Buffer.concat([bad.subarray(2), Buffer.from('\n')]), (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.bytes!.equals(bad)).toBe(true);
  });

  it('copies bytes, so a reused chunk buffer does not change emitted lines', () => {
    const chunk = Buffer.from('abc');
    const splitter = new LineSplitter();
    const lines: Line[] = [];
    splitter.push(chunk, (l) => lines.push(l));
    chunk.fill(0x7a);
    splitter.push(Buffer.from('\n'), (l) => lines.push(l));
    expect(lines[0]!.bytes!.toString()).toBe('abc');
  });
});

describe('LineSplitter from the middle of a stream', () => {
  it('reports offsets in the whole stream, and a leading newline ends nothing', () => {
    const splitter = new LineSplitter(undefined, 100);
    const lines: { text: string; offset: number; length: number }[] = [];
    splitter.push(Buffer.from('\nab\ncd'), (l) =>
      lines.push({ text: l.bytes!.toString(), offset: l.offset, length: l.length }),
    );
    splitter.flush((l) =>
      lines.push({ text: l.bytes!.toString(), offset: l.offset, length: l.length }),
    );
    expect(lines).toEqual([
      { text: 'ab', offset: 101, length: 2 },
      { text: 'cd', offset: 104, length: 2 },
    ]);
  });
});
