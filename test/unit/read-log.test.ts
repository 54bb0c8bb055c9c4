import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLogRange, readRanges } from '../../src-main/core/logs/read-log';

describe('readLogRange / readRanges', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (content: string | Buffer): string => {
    const file = path.join(dir, 'stdout.log');
    fs.writeFileSync(file, content);
    return file;
  };

  it('reads a whole small file', async () => {
    const file = write('hello\nworld\n');
    expect(await readLogRange(file, 0)).toEqual({
      data: 'hello\nworld\n',
      encoding: 'utf8',
      offset: 0,
      nextOffset: 12,
      size: 12,
      eof: true,
    });
  });

  it('pages through a file with limit and offset', async () => {
    const file = write('0123456789');
    expect(await readLogRange(file, 0, 4)).toMatchObject({
      data: '0123',
      offset: 0,
      nextOffset: 4,
      eof: false,
    });
    expect(await readLogRange(file, 4, 4)).toMatchObject({
      data: '4567',
      nextOffset: 8,
      eof: false,
    });
    expect(await readLogRange(file, 8, 4)).toMatchObject({
      data: '89',
      nextOffset: 10,
      size: 10,
      eof: true,
    });
  });

  it('an offset past the end reads nothing at the end', async () => {
    const file = write('abc');
    expect(await readLogRange(file, 99)).toEqual({
      data: '',
      encoding: 'utf8',
      offset: 3,
      nextOffset: 3,
      size: 3,
      eof: true,
    });
  });

  it('a missing file reads as empty', async () => {
    expect(await readLogRange(path.join(dir, 'none.log'), 7, 10, 'base64')).toEqual({
      data: '',
      encoding: 'base64',
      offset: 7,
      nextOffset: 7,
      size: 0,
      eof: true,
    });
  });

  it('never splits a UTF-8 character at a page end', async () => {
    const text = 'a€b😀c'; // 1 + 3 + 1 + 4 + 1 bytes
    const file = write(text);
    const bytes = Buffer.from(text);
    for (let limit = 4; limit <= bytes.length; limit++) {
      let offset = 0;
      const pages: string[] = [];
      for (let guard = 0; guard < 20; guard++) {
        const page = await readLogRange(file, offset, limit);
        expect(page.data, `limit ${limit}`).not.toContain('\ufffd');
        expect(Buffer.byteLength(page.data)).toBe(page.nextOffset - page.offset);
        pages.push(page.data);
        offset = page.nextOffset;
        if (page.eof) break;
      }
      expect(pages.join(''), `limit ${limit}`).toBe(text);
    }
    // A page that would end inside € ends before it.
    expect(await readLogRange(file, 0, 3)).toMatchObject({ data: 'a', nextOffset: 1 });
    // A page ending exactly after a complete character keeps it.
    expect(await readLogRange(file, 0, 4)).toMatchObject({ data: 'a€', nextOffset: 4 });
  });

  it('pages always make progress, even when the limit is smaller than a character', async () => {
    const file = write('😀😀');
    const page = await readLogRange(file, 0, 2);
    expect(page.eof).toBe(false);
    // nextOffset === offset with eof false would make a pager ask for the same page forever.
    expect(page.nextOffset).toBeGreaterThan(page.offset);
    // It returns the one whole character rather than a piece of it.
    expect(page).toMatchObject({ data: '😀', offset: 0, nextOffset: 4 });
    expect(await readLogRange(file, 4, 1)).toMatchObject({ data: '😀', nextOffset: 8, eof: true });
  });

  it('the last page may end in a broken character: there is nothing more to wait for', async () => {
    const file = write(Buffer.from([0x61, 0xe2, 0x82]));
    const page = await readLogRange(file, 0, 10);
    expect(page).toMatchObject({ nextOffset: 3, eof: true });
  });

  it('base64 returns the exact bytes, with no character trimming', async () => {
    const bin = Buffer.from([0x00, 0xff, 0xe2, 0x82, 0xac, 0xe2, 0x82, 0x0a]);
    const file = write(bin);
    const page = await readLogRange(file, 1, 6, 'base64');
    expect(page).toMatchObject({ encoding: 'base64', offset: 1, nextOffset: 7, eof: false });
    expect(Buffer.from(page.data, 'base64').equals(bin.subarray(1, 7))).toBe(true);
  });

  it('readRanges reads each range, cut at the end of the file', async () => {
    const file = write('{"a":1}\n{"b":2}\n');
    const out = await readRanges(file, [
      { offset: 8, length: 7 },
      { offset: 0, length: 7 },
      { offset: 14, length: 10 },
    ]);
    expect(out.map((b) => b.toString())).toEqual(['{"b":2}', '{"a":1}', '}\n']);
  });

  it('readRanges: no ranges is empty; a missing file reads as empty buffers', async () => {
    const missing = path.join(dir, 'none.log');
    expect(await readRanges(missing, [])).toEqual([]);
    const out = await readRanges(missing, [
      { offset: 0, length: 1 },
      { offset: 5, length: 3 },
    ]);
    expect(out.map((b) => b.length)).toEqual([0, 0]);
  });
});
