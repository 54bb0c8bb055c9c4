import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FAKE_CLAUDE_BIN } from './fake-claude';
import { TEST_IDENTITY } from './git-repos';

export const CLI = path.resolve(__dirname, '../../dist/src-main/cli.js');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
  api<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
  exited: Promise<number | null>;
}

/** Starts the real `claudomator serve` as a separate process and waits until it listens. */
export async function startServe(opts: {
  dataDir: string;
  home: string;
  args?: string[];
  env?: Record<string, string>;
  /** The agent binary (default: the fake claude). */
  claudeBin?: string;
  /** Use `env` as the whole environment instead of adding it to this process's. */
  replaceEnv?: boolean;
}): Promise<ServeProcess> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--data-dir',
      opts.dataDir,
      '--port',
      '0',
      '--claude-bin',
      opts.claudeBin ?? FAKE_CLAUDE_BIN,
      ...(opts.args ?? []),
    ],
    {
      env: opts.replaceEnv
        ? opts.env
        : { ...process.env, HOME: opts.home, IS_SANDBOX: '1', ...TEST_IDENTITY, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 15_000);
    const check = (): void => {
      // The UI line comes last: once it is there, start-up output is complete.
      const m = /Claudomator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('Open the UI: ')) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited before listening:\n${out}`));
    });
  });
  const token = fs.readFileSync(path.join(opts.dataDir, 'api-token'), 'utf8').trim();
  return {
    child,
    url,
    token,
    output: () => out,
    exited,
    api: async <T>(method: string, route: string, body?: unknown) => {
      const res = await fetch(`${url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}
