import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tailLines } from '../../src-main/core/runner/tail';

describe('tailLines', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (content: string | Buffer): string => {
    const file = path.join(dir, 'stderr.log');
    fs.writeFileSync(file, content);
    return file;
  };

  it('is empty for a missing or empty file', async () => {
    expect(await tailLines(path.join(dir, 'nope.log'), 20)).toBe('');
    expect(await tailLines(write(''), 20)).toBe('');
  });

  it('gives the last n lines, with or without a final newline', async () => {
    expect(await tailLines(write('1\n2\n3\n4\n'), 2)).toBe('3\n4');
    expect(await tailLines(write('1\n2\n3\n4'), 2)).toBe('3\n4');
    expect(await tailLines(write('1\n2\n'), 20)).toBe('1\n2');
  });

  it('keeps blank lines inside the tail', async () => {
    expect(await tailLines(write('a\n\nb\n'), 3)).toBe('a\n\nb');
  });

  it('reads only the end of a large file', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const file = write(`${lines.join('\n')}\n`);
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);
    expect(await tailLines(file, 3)).toBe('line 19997\nline 19998\nline 19999');
    // Asking for more lines than fit in the 64 KB window gives only what is there.
    const many = (await tailLines(file, 100_000)).split('\n');
    expect(many.length).toBeLessThan(lines.length);
    expect(many.at(-1)).toBe('line 19999');
  });
});
