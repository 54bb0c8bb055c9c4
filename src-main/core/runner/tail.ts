import fs from 'node:fs/promises';

const TAIL_BYTES = 64 * 1024;

/** The last n lines of a file (reading only its end), or '' when it is missing or empty. */
export async function tailLines(file: string, n: number): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    await handle.read(buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-n).join('\n');
  } finally {
    await handle.close();
  }
}
