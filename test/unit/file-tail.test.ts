import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTail } from '../../src-main/core/runner/file-tail';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-tail-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function follow(file: string, from = 0) {
  const chunks: Buffer[] = [];
  // The chunk is a view of the tail's buffer: copy it, as real consumers do.
  const tail = new FileTail(file, (c) => chunks.push(Buffer.from(c)));
  tail.start(from);
  return { tail, chunks };
}

describe('FileTail', () => {
  it('hands on a small write and then a flood, every byte in order', async () => {
    const file = path.join(dir, 'flood.log');
    fs.writeFileSync(file, 'hello\n');
    const { tail, chunks } = follow(file);
    await expect.poll(() => Buffer.concat(chunks).toString()).toBe('hello\n');

    const flood = Buffer.alloc(5 * 1024 * 1024 + 3);
    for (let i = 0; i < flood.length; i++) flood[i] = i % 251;
    fs.appendFileSync(file, flood);
    await tail.stop();

    expect(Buffer.concat(chunks).equals(Buffer.concat([Buffer.from('hello\n'), flood]))).toBe(true);
    // The flood is read in large steps once a read fills the small first buffer.
    expect(Math.max(...chunks.map((c) => c.length))).toBe(1024 * 1024);
  });

  it('skips what was there before `from`, and stop reads what was written last', async () => {
    const file = path.join(dir, 'from.log');
    fs.writeFileSync(file, 'old\n');
    const { tail, chunks } = follow(file, 4);
    fs.appendFileSync(file, 'new\n');
    await tail.stop();
    expect(Buffer.concat(chunks).toString()).toBe('new\n');
  });
});
