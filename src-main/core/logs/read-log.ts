import fs from 'node:fs/promises';
import type { LogChunk } from '../../../src-shared/domain';

const DEFAULT_LIMIT = 256 * 1024;

/** Reads a byte range of a log file; a missing file reads as empty. */
export async function readLogRange(
  file: string,
  offset: number,
  limit = DEFAULT_LIMIT,
  encoding: 'utf8' | 'base64' = 'utf8',
): Promise<LogChunk> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { data: '', encoding, offset, nextOffset: offset, size: 0, eof: true };
    }
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.min(offset, size);
    const want = Math.min(limit, size - start);
    const buf = Buffer.alloc(want);
    const { bytesRead } = await handle.read(buf, 0, want, start);
    let bytes: Buffer = buf.subarray(0, bytesRead);
    // Never split a UTF-8 character between pages: end on a character boundary —
    // and when the limit is smaller than the one character there, return it whole
    // so the reader always moves forward.
    if (encoding === 'utf8' && start + bytesRead < size) {
      bytes = trimPartialUtf8(bytes);
      if (bytes.length === 0 && bytesRead > 0) {
        const whole = Buffer.alloc(Math.min(utf8Length(buf[0]!), size - start));
        await handle.read(whole, 0, whole.length, start);
        bytes = whole;
      }
    }
    const nextOffset = start + bytes.length;
    return {
      data: bytes.toString(encoding),
      encoding,
      offset: start,
      nextOffset,
      size,
      eof: nextOffset >= size,
    };
  } finally {
    await handle.close();
  }
}

/** Bytes in the UTF-8 character a lead byte starts (1 for anything else). */
function utf8Length(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

function trimPartialUtf8(b: Buffer): Buffer {
  // Walk back over continuation bytes to the lead byte of the last character.
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b;
  const lead = b[i]!;
  const need = utf8Length(lead);
  return need > back + 1 ? b.subarray(0, i) : b;
}

/** Reads several byte ranges of one file (transcript events by their index). */
export async function readRanges(
  file: string,
  ranges: readonly { offset: number; length: number }[],
): Promise<Buffer[]> {
  if (ranges.length === 0) return [];
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    // A log deleted by hand reads as empty, as readLogRange does.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ranges.map(() => Buffer.alloc(0));
    throw err;
  }
  try {
    const out: Buffer[] = [];
    for (const r of ranges) {
      const buf = Buffer.alloc(r.length);
      const { bytesRead } = await handle.read(buf, 0, r.length, r.offset);
      out.push(buf.subarray(0, bytesRead));
    }
    return out;
  } finally {
    await handle.close();
  }
}
