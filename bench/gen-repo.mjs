// Generates the large repository figure 4 clones: 20,000 files / ~300 MB in
// 2,000 commits, through one `git fast-import` stream (not 2,000 processes).
// Each commit adds 10 files of ~15 KB of hex text (compresses about 2:1, like
// source code). Generated once per run into a cache directory and reused while
// it is complete (marker file), so repetitions never regenerate it.
/* global performance */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { git, mkdirp, rmrf } from './lib.mjs';

export const REPO_SHAPE = { commits: 2000, filesPerCommit: 10, fileBytes: 15_000, dirs: 200 };
const VERSION = 1;
// glibc returns memory to the kernel after nearly every blob; brk is slow on
// some VMs (fast-import spent 3/4 of its time in it), so keep a big top pad.
const MALLOC_ENV = {
  MALLOC_TOP_PAD_: String(256 << 20),
  MALLOC_TRIM_THRESHOLD_: String(512 << 20),
};

/** Random hex text in 80-column lines: different for every file, cheap to make. */
function fileContent(bytes) {
  const hex = randomBytes(Math.ceil(bytes / 2)).toString('hex');
  const lines = [];
  for (let at = 0; at < bytes; at += 80) lines.push(hex.slice(at, Math.min(at + 79, bytes - 1)));
  return `${lines.join('\n')}\n`;
}

function writeStream(stream, data) {
  return new Promise((resolve, reject) => {
    const ok = stream.write(data, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

/**
 * Makes (or reuses) a working copy on `main` with the full tree checked out.
 * Returns { dir, files, bytes, commits, seconds } (seconds = 0 when reused).
 */
export async function ensureBigRepo(cacheDir, shape = REPO_SHAPE) {
  const key = `repo-v${VERSION}-${shape.commits}x${shape.filesPerCommit}x${shape.fileBytes}`;
  const dir = path.join(cacheDir, key);
  const marker = path.join(cacheDir, `${key}.complete`);
  const files = shape.commits * shape.filesPerCommit;
  const bytes = files * shape.fileBytes;
  if (fs.existsSync(marker) && fs.existsSync(dir)) {
    return { dir, files, bytes, commits: shape.commits, seconds: 0 };
  }
  const started = performance.now();
  rmrf(dir);
  mkdirp(dir);
  git(dir, 'init', '-q', '-b', 'main');
  const child = spawn(
    'git',
    // Fast to write: light compression, no delta search (the files share nothing).
    ['-c', 'pack.compression=1', 'fast-import', '--quiet', '--done', '--depth=0'],
    { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, ...MALLOC_ENV } },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('close', resolve));
  const t0 = 1_700_000_000;
  let n = 0;
  for (let c = 0; c < shape.commits; c++) {
    const parts = [];
    const msg = `commit ${c}: add ${shape.filesPerCommit} files\n`;
    parts.push(
      `commit refs/heads/main\nmark :${c + 1}\n`,
      `author Bench <bench@example.com> ${t0 + c * 60} +0000\n`,
      `committer Bench <bench@example.com> ${t0 + c * 60} +0000\n`,
      `data ${Buffer.byteLength(msg)}\n${msg}`,
    );
    if (c > 0) parts.push(`from :${c}\n`);
    for (let f = 0; f < shape.filesPerCommit; f++, n++) {
      const content = fileContent(shape.fileBytes);
      const file = `src/d${String(n % shape.dirs).padStart(3, '0')}/f${n}.txt`;
      parts.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
    parts.push('\n');
    await writeStream(child.stdin, parts.join(''));
  }
  await writeStream(child.stdin, 'done\n');
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr}`);
  // The project is a working copy with its tree checked out, as a user's would be.
  execFileSync('git', ['-c', 'safe.directory=*', 'reset', '-q', '--hard', 'main'], {
    cwd: dir,
    env: { ...process.env, ...MALLOC_ENV },
    stdio: 'ignore',
  });
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  return {
    dir,
    files,
    bytes,
    commits: shape.commits,
    seconds: (performance.now() - started) / 1000,
  };
}
