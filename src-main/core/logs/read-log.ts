import fs from 'node:fs/promises';
import type { LogChunk } from '../../../src-shared/domain';
import { completeUtf8Prefix, utf8CharLength } from './utf8';

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
      bytes = bytes.subarray(0, completeUtf8Prefix(bytes));
      if (bytes.length === 0 && bytesRead > 0) {
        const whole = Buffer.alloc(Math.min(utf8CharLength(buf[0]!), size - start));
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
