// Shared helpers for the benchmark figures: statistics, processes, git, the
// compiled app. Plain ESM, Node built-ins plus what the app already depends on.
/* global performance */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '..');
/** The compiled app; BENCH_DIST points at another build (inside the repo) to compare two. */
export const DIST = process.env.BENCH_DIST
  ? path.resolve(process.env.BENCH_DIST)
  : path.join(ROOT, 'dist');
export const CLI = path.join(DIST, 'src-main/cli.js');
export const FAKE_CLAUDE = path.join(ROOT, 'test/fixtures/fake-claude.mjs');

/** Identity for the commits the bench makes and the agents it runs. */
export const IDENTITY = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

/** Imports a module of the compiled app (CommonJS under dist/). */
export async function app(rel) {
  const mod = await import(path.join(DIST, rel));
  return mod.default ?? mod;
}

// ---------------------------------------------------------------------------
// Statistics

export function median(values) {
  return percentile(values, 50);
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const nowMs = () => performance.now();

/** Milliseconds since the epoch with sub-millisecond precision (comparable across processes). */
export const epochMs = () => performance.timeOrigin + performance.now();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Interleaves baseline and subject runs (noise hits both alike); returns the median of each. */
export async function paired(reps, subject, baseline, { warmup = 0 } = {}) {
  const s = [];
  const b = [];
  for (let i = 0; i < warmup + reps; i++) {
    const bv = await baseline(i);
    const sv = await subject(i);
    if (i >= warmup) {
      b.push(bv);
      s.push(sv);
    }
  }
  return { subject: median(s), baseline: median(b), subjectRuns: s, baselineRuns: b };
}

// ---------------------------------------------------------------------------
// Files and processes

export function mkdirp(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function rmrf(dir) {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export function dirBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

const children = new Set();

/** Kills every child this process started and that still runs (its process group first). */
export function killChildren() {
  for (const child of children) {
    for (const target of [-child.pid, child.pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
  children.clear();
}

/**
 * Runs a command to completion; resolves with its output and wall time (ms).
 * Rejects on a non-zero exit unless allowFail.
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      children.delete(child);
      reject(e);
    });
    child.on('close', (code) => {
      children.delete(child);
      const result = {
        code,
        ms: nowMs() - started,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      };
      if (code !== 0 && !opts.allowFail) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${result.stderr.slice(-2000)}`));
      } else resolve(result);
    });
  });
}

/** Runs a shell script (sh -c) to completion; see run(). */
export function sh(script, opts = {}) {
  return run('sh', ['-c', script], opts);
}

/** Starts a long-lived child and tracks it for killChildren(). */
export function startChild(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** git with the bench identity; returns trimmed stdout. */
export function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'safe.directory=*', ...args], {
    cwd,
    env: { ...process.env, ...IDENTITY, LANG: 'C', LC_ALL: 'C' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

export const gitEnv = () => ({ ...process.env, ...IDENTITY, LANG: 'C', LC_ALL: 'C' });

/** A small working copy (a few files, a few commits) on branch main. */
export function makeSmallRepo(dir, files = 20) {
  mkdirp(dir);
  git(dir, 'init', '-q', '-b', 'main');
  for (let i = 0; i < files; i++) {
    fs.writeFileSync(path.join(dir, `file${i}.txt`), `line ${i}\n`.repeat(50));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  fs.appendFileSync(path.join(dir, 'file0.txt'), 'more\n');
  git(dir, 'commit', '-q', '-am', 'second');
  return dir;
}

// ---------------------------------------------------------------------------
// /proc

/** utime + stime of a process, in clock ticks (Linux). */
export function cpuTicks(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return Number(fields[11]) + Number(fields[12]);
}

/** Resident set size of a process in bytes (Linux). */
export function rssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Clock ticks per second (USER_HZ). */
export function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

// ---------------------------------------------------------------------------
// The app

/** In-process engine + HTTP API (`serve`), with the agent environment the tests use. */
export async function startServe({ dataDir, home, claudeBin, maxConcurrency = 2, agentEnv = {} }) {
  const { serve } = await app('src-main/server/serve.js');
  mkdirp(home);
  return serve({
    dataDir,
    port: 0,
    version: 'bench',
    claudeBin,
    maxConcurrency,
    agentEnv: { HOME: home, IS_SANDBOX: '1', ...IDENTITY, ...agentEnv },
    log: () => undefined,
  });
}

/** Calls a contract channel the way the UI would (validation included). */
export async function call(engine, channel, params) {
  const { dispatchRequest } = await app('src-main/core/handlers/index.js');
  return dispatchRequest(engine.handlers, channel, params, { actor: 'user' });
}

/** Resolves when every id in `ids` reaches a state for which `done(state)` holds. */
export function waitForStates(engine, ids, done = (s) => s === 'COMPLETED', timeoutMs = 300_000) {
  const pending = new Set(ids);
  const states = new Map();
  return new Promise((resolve, reject) => {
    const check = (task) => {
      if (!pending.has(task.id)) return;
      states.set(task.id, task);
      if (done(task.state)) pending.delete(task.id);
      if (pending.size === 0) finish();
    };
    const off = engine.bus.on('task.updated', check);
    const timer = setTimeout(() => {
      off();
      const stuck = [...pending].map((id) => {
        const t = engine.store.tasks.get(id);
        return `${id}: ${t.state} ${t.error ?? ''}`;
      });
      reject(new Error(`tasks did not finish in time:\n${stuck.slice(0, 5).join('\n')}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      off();
      resolve(ids.map((id) => states.get(id) ?? engine.store.tasks.get(id)));
    };
    // Some may be done already.
    for (const id of ids) check(engine.store.tasks.get(id));
  });
}

/**
 * Starts the compiled CLI (`claudomator serve`) as a child process; resolves
 * once it prints its UI line, with the time that took.
 */
export async function startServeProcess({ dataDir, home, claudeBin = FAKE_CLAUDE, args = [] }) {
  mkdirp(home);
  const started = nowMs();
  const child = startChild(
    process.execPath,
    [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--claude-bin', claudeBin, ...args],
    { env: { ...process.env, HOME: home, IS_SANDBOX: '1', ...IDENTITY } },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /Claudomator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('Open the UI: ')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${out}`));
    });
  });
  const readyMs = nowMs() - started;
  const token = fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, url, token, readyMs, output: () => out, stop };
}

/** A tiny JSON-RPC client over the app's WebSocket (auth, requests, events). */
export async function connectWs(url, token, onEvent) {
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, {
    headers: { origin: url },
  });
  const waiting = new Map();
  let nextId = 1;
  await new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'ready') resolve();
      else if (msg.type === 'event') onEvent(msg.event, msg.payload);
      else if (msg.type === 'response') {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.ok) w?.resolve(msg.result);
        else w?.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      }
    });
    ws.once('close', (code, reason) => reject(new Error(`socket closed ${code} ${reason}`)));
  });
  return {
    request: (channel, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'request', id, channel, params }));
      }),
    close: () => ws.terminate(),
  };
}

/** The scenario line fake-claude plays. */
export const scenario = (steps) => `FAKE_SCENARIO: ${JSON.stringify({ steps })}`;

export function tempRoot(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
