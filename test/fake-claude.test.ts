import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_CLAUDE_BIN,
  readInvocations,
  scenario,
  sessionFilePath,
  type FakeStep,
} from './support/fake-claude.js';

type Json = Record<string, unknown>;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout lines parsed as JSON (lines that are not JSON are skipped). */
  lines: Json[];
}

const SID = '3f0c2b8e-6c1d-4f4e-9a57-1d2e3f4a5b6c';
const STREAM = ['--output-format', 'stream-json', '--verbose'];

const tempDirs: string[] = [];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  tempDirs.push(dir);
  return dir;
}

interface Sandbox {
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function sandbox(): Sandbox {
  const home = tempDir('fake-claude-home-');
  const cwd = tempDir('fake-claude-cwd-');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('CLAUDOMATOR_') && !k.startsWith('FAKE_') && k !== 'CLAUDE_CONFIG_DIR') {
      env[k] = v;
    }
  }
  Object.assign(env, {
    HOME: home,
    IS_SANDBOX: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Fake Claude',
    GIT_AUTHOR_EMAIL: 'fake@example.com',
    GIT_COMMITTER_NAME: 'Fake Claude',
    GIT_COMMITTER_EMAIL: 'fake@example.com',
  });
  return { home, cwd, env };
}

function parseLines(stdout: string): Json[] {
  const lines: Json[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Json);
    } catch {
      // not JSON
    }
  }
  return lines;
}

function run(
  sb: Sandbox,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: string | 'open' } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(FAKE_CLAUDE_BIN, args, {
      cwd: sb.cwd,
      env: { ...sb.env, ...opts.env },
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    if (child.stdin && opts.stdin !== 'open') child.stdin.end(opts.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      resolve({
        code,
        signal,
        stdout,
        stderr: Buffer.concat(err).toString('utf8'),
        lines: parseLines(stdout),
      });
    });
  });
}

function print(prompt: string, ...more: string[]): string[] {
  return ['-p', prompt, ...STREAM, ...more];
}

function withSteps(steps: FakeStep[], opts?: Parameters<typeof scenario>[1]): string {
  return `Do the task.\n${scenario(steps, opts)}\n`;
}

function result(r: RunResult): Json {
  const res = r.lines.filter((l) => l.type === 'result');
  expect(res).toHaveLength(1);
  return res[0] as Json;
}

function texts(r: RunResult): string[] {
  const found: string[] = [];
  for (const l of r.lines) {
    if (l.type !== 'assistant') continue;
    const content = (l.message as { content: { type: string; text?: string }[] }).content;
    for (const block of content) if (block.type === 'text' && block.text) found.push(block.text);
  }
  return found;
}

function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Process group and state of a live pid, or null once it is gone (zombies count as gone). */
function procInfo(pid: number): { pgrp: number; state: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0] ?? '';
    if (state === 'Z' || state === 'X') return null;
    return { state, pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

async function waitFor<T>(fn: () => T | null | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('fake claude CLI', () => {
  it('prints its version', async () => {
    const sb = sandbox();
    const r = await run(sb, ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2.1.197 (Claude Code)\n');
  });

  it('rejects what the real CLI rejects', async () => {
    const sb = sandbox();
    const noVerbose = await run(sb, ['-p', 'hi', '--output-format', 'stream-json']);
    expect(noVerbose.code).toBe(1);
    expect(noVerbose.stderr).toContain('requires --verbose');

    const unknown = await run(sb, [...print('hi'), '--frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error: unknown option '--frobnicate'");

    // Variadic list options swallow a prompt placed after them, as commander does.
    const swallowed = await run(sb, ['-p', ...STREAM, '--allowedTools', 'Bash', 'the prompt']);
    expect(swallowed.code).toBe(1);
    expect(swallowed.stderr).toContain('Input must be provided');

    const badMode = await run(sb, print('hi', '--permission-mode', 'yolo'));
    expect(badMode.code).toBe(1);
    expect(badMode.stderr).toContain("argument 'yolo' is invalid");
    expect(badMode.stdout).toBe('');
  });

  it('runs a fresh session: init, assistant, result, session file and record', async () => {
    const sb = sandbox();
    const record = path.join(sb.home, 'record.jsonl');
    const r = await run(
      sb,
      print(
        'hello',
        '--session-id',
        SID,
        '--model',
        'claude-sonnet-4-5',
        '--permission-mode',
        'bypassPermissions',
        '--allowedTools',
        'Bash',
        'Edit',
        '--disallowedTools',
        'WebFetch',
        '--add-dir',
        sb.home,
        '--append-system-prompt',
        'be brief',
        '--max-budget-usd',
        '5',
      ),
      { env: { FAKE_CLAUDE_RECORD: record, CLAUDOMATOR_TASK_ID: 't1', OTHER_VAR: 'x' } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.type)).toEqual(['system', 'assistant', 'result']);
    const [init, assistant] = r.lines as [Json, Json];
    expect(init).toMatchObject({
      subtype: 'init',
      session_id: SID,
      cwd: sb.cwd,
      model: 'claude-sonnet-4-5',
      permissionMode: 'bypassPermissions',
      claude_code_version: '2.1.197',
    });
    expect(init.tools).toContain('Bash');
    expect(init.tools).not.toContain('WebFetch');
    expect(assistant).toMatchObject({
      session_id: SID,
      message: { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    });
    expect(result(r)).toMatchObject({
      subtype: 'success',
      is_error: false,
      api_error_status: null,
      result: 'ok',
      session_id: SID,
      total_cost_usd: 0.01,
      num_turns: 1,
      terminal_reason: 'completed',
      permission_denials: [],
    });
    expect(fs.existsSync(sessionFilePath(sb.home, sb.cwd, SID))).toBe(true);

    const [inv] = readInvocations(record);
    expect(inv).toMatchObject({ cwd: sb.cwd, env: { HOME: sb.home, CLAUDOMATOR_TASK_ID: 't1' } });
    expect(inv?.env).not.toHaveProperty('OTHER_VAR');
    expect(inv?.argv.slice(0, 2)).toEqual(['-p', 'hello']);
  });

  it('refuses a session id already in use and an unknown resume', async () => {
    const sb = sandbox();
    expect((await run(sb, print('one', '--session-id', SID))).code).toBe(0);
    const again = await run(sb, print('two', '--session-id', SID));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Error: Session ID ${SID} is already in use.`);
    expect(again.stdout).toBe('');

    const other = '00000000-0000-4000-8000-000000000000';
    const missing = await run(sb, print('answer', '--resume', other));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No conversation found with session ID: ${other}`);
    expect(result(missing)).toMatchObject({ subtype: 'error_during_execution', is_error: true });

    // A session belongs to the directory it ran in.
    const elsewhere = { ...sb, cwd: tempDir('fake-claude-cwd-') };
    const wrongDir = await run(elsewhere, print('answer', '--resume', SID));
    expect(wrongDir.code).toBe(1);
    expect(wrongDir.stderr).toContain('No conversation found');
  });

  it('asks a question, then a resume continues the same session with the answer', async () => {
    const sb = sandbox();
    const qfile = path.join(sb.home, 'question.json');
    const env = { CLAUDOMATOR_QUESTION_FILE: qfile };
    const prompt = withSteps(
      [{ text: 'Looking.' }, { ask: { text: 'Which colour?', options: ['red', 'blue'] } }],
      {
        cost: 0.25,
        onResume: [{ bash: 'printf %s "$FAKE_ANSWER" > answer.txt' }, { text: 'Painted.' }],
      },
    );
    const first = await run(sb, print(prompt, '--session-id', SID), { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(qfile, 'utf8'))).toEqual({
      text: 'Which colour?',
      options: ['red', 'blue'],
    });
    // The text and the tool call are one API message: two lines sharing message.id.
    const [, text, tool] = first.lines as Json[];
    expect((text?.message as Json).id).toBe((tool?.message as Json).id);
    const toolResult = first.lines.find((l) => l.type === 'user');
    expect(toolResult).toMatchObject({
      message: { content: [{ type: 'tool_result', content: 'asked', is_error: false }] },
    });
    expect(result(first)).toMatchObject({
      subtype: 'success',
      result: 'I asked a question and will wait for the answer.',
      total_cost_usd: 0.25,
    });

    const second = await run(sb, print('blue', '--resume', SID), { env });
    expect(second.code).toBe(0);
    expect(second.lines[0]).toMatchObject({ subtype: 'init', session_id: SID });
    expect(texts(second)).toEqual(['Got answer: blue', 'Painted.']);
    expect(fs.readFileSync(path.join(sb.cwd, 'answer.txt'), 'utf8')).toBe('blue');
    expect(result(second)).toMatchObject({
      session_id: SID,
      // 2.1.197 reports each process's own cost, not the session's running total.
      total_cost_usd: 0.25,
      result: 'Painted.',
    });
  });

  it('fails rateLimit times:1 once like the real CLI, and the resume passes it', async () => {
    const sb = sandbox();
    const prompt = withSteps([{ text: 'start' }, { rateLimit: { times: 1 } }, { text: 'after' }]);
    const first = await run(sb, print(prompt, '--session-id', SID));
    expect(first.code).toBe(1);
    const retries = first.lines.filter((l) => l.subtype === 'api_retry');
    expect(retries).toHaveLength(10);
    expect(retries[0]).toMatchObject({
      attempt: 1,
      max_retries: 10,
      error_status: 429,
      error: 'rate_limit',
    });
    const synthetic = first.lines.find((l) => l.type === 'assistant' && l.error === 'rate_limit');
    expect(synthetic).toMatchObject({ type: 'assistant', message: { model: '<synthetic>' } });
    expect(result(first)).toMatchObject({
      subtype: 'success',
      is_error: true,
      api_error_status: 429,
      session_id: SID,
    });

    const second = await run(sb, print('continue', '--resume', SID), {
      env: { CLAUDE_CODE_MAX_RETRIES: '2' },
    });
    expect(second.code).toBe(0);
    expect(texts(second)).toEqual(['Got answer: continue', 'after']);
    expect(result(second)).toMatchObject({ is_error: false, total_cost_usd: 0.01 });
  });

  it('resumes a killed run after the step it was killed in', async () => {
    const sb = sandbox();
    const prompt = withSteps([{ text: 'started' }, { sleep: 30_000 }, { text: 'finished' }]);
    const child = spawn(FAKE_CLAUDE_BIN, print(prompt, '--session-id', SID), {
      cwd: sb.cwd,
      env: sb.env,
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.on('exit', r));
    // The session file records where a resume goes on: after the sleep (step 1) once it began.
    const sessionFile = sessionFilePath(sb.home, sb.cwd, SID);
    await waitFor(() =>
      fs.existsSync(sessionFile) && fs.readFileSync(sessionFile, 'utf8').includes('"index":2}')
        ? true
        : null,
    );
    child.kill('SIGKILL');
    await exited;

    const resumed = await run(sb, print('go on', '--resume', SID));
    expect(resumed.code).toBe(0);
    expect(texts(resumed)).toEqual(['Got answer: go on', 'finished']);
  });

  it('reports quota exhaustion and budget overruns as the CLI does', async () => {
    const sb = sandbox();
    const quota = await run(sb, print(withSteps([{ quota: { resetsAt: 1_900_000_000 } }])));
    expect(quota.code).toBe(1);
    expect(result(quota)).toMatchObject({
      is_error: true,
      api_error_status: 429,
      result: 'Claude AI usage limit reached|1900000000',
    });

    const budget = await run(
      sb,
      print(withSteps([{ text: 'spent' }], { cost: 2 }), '--max-budget-usd', '1.5'),
    );
    expect(budget.code).toBe(1);
    expect(result(budget)).toMatchObject({
      subtype: 'error_max_budget_usd',
      is_error: true,
      terminal_reason: 'budget_exhausted',
      errors: ['Reached maximum budget ($1.5)'],
    });

    const denied = await run(
      sb,
      print(withSteps([{ permissionDenied: 'Bash' }, { resultError: 'boom' }])),
    );
    expect(denied.code).toBe(1);
    expect(denied.lines.find((l) => l.type === 'user')).toMatchObject({
      message: {
        content: [
          {
            is_error: true,
            content: "Claude requested permissions to use Bash, but you haven't granted it yet.",
          },
        ],
      },
    });
    expect(result(denied)).toMatchObject({
      subtype: 'error_during_execution',
      is_error: true,
      errors: ['boom'],
      permission_denials: [{ tool_name: 'Bash' }],
    });
  });

  it('commits for real in a git repository', async () => {
    const sb = sandbox();
    git(sb.cwd, sb.env, 'init', '-q');
    const prompt = withSteps([
      { commit: { path: 'dir/hello.txt', content: "it's here\n", message: 'add hello' } },
      { write: { path: 'notes.txt', content: 'not committed' } },
      { summary: 'Added hello.' },
    ]);
    const summaryFile = path.join(sb.home, 'summary.md');
    const r = await run(sb, print(prompt), { env: { CLAUDOMATOR_SUMMARY_FILE: summaryFile } });
    expect(r.code).toBe(0);
    expect(git(sb.cwd, sb.env, 'log', '--format=%s')).toBe('add hello\n');
    expect(git(sb.cwd, sb.env, 'show', 'HEAD:dir/hello.txt')).toBe("it's here\n");
    expect(git(sb.cwd, sb.env, 'status', '--porcelain')).toBe('?? notes.txt\n');
    expect(fs.readFileSync(summaryFile, 'utf8')).toBe('Added hello.');
    const uses = r.lines
      .filter((l) => l.type === 'assistant')
      .map((l) => (l.message as { content: { name?: string }[] }).content[0]?.name);
    expect(uses).toEqual(['Bash', 'Write', 'Bash']);
  });

  it('spawns a grandchild in its own process group, which a group kill ends', async () => {
    const sb = sandbox();
    const prompt = withSteps([
      { spawn: { pidFile: 'grandchild.pid', seconds: 300 } },
      { ignoreSigterm: true },
      { bash: 'touch ready' },
      { sleep: 30_000 },
    ]);
    const child = spawn(FAKE_CLAUDE_BIN, print(prompt), {
      cwd: sb.cwd,
      env: sb.env,
      detached: true,
      stdio: 'ignore',
    });
    const leader = child.pid as number;
    const killGroup = (sig: NodeJS.Signals): void => {
      try {
        process.kill(-leader, sig);
      } catch {
        // already gone
      }
    };
    cleanups.push(() => killGroup('SIGKILL'));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));

    const pidFile = path.join(sb.cwd, 'grandchild.pid');
    const grandchild = await waitFor(() =>
      fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : null,
    );
    expect(procInfo(grandchild)?.pgrp).toBe(leader);

    // Once the bash step after ignoreSigterm ran, SIGTERM is ignored.
    await waitFor(() => (fs.existsSync(path.join(sb.cwd, 'ready')) ? true : null));
    process.kill(leader, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 150));
    expect(procInfo(leader)).not.toBeNull();

    killGroup('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await waitFor(() => (procInfo(grandchild) === null ? true : null));
  });

  it('delivers a 5 MB line whole, and a flood of lines', async () => {
    const sb = sandbox();
    const bytes = 5 * 1024 * 1024;
    const r = await run(
      sb,
      print(withSteps([{ hugeLine: bytes }, { flood: { lines: 2000 } }, { text: 'end' }])),
    );
    expect(r.code).toBe(0);
    const huge = r.lines[1] as Json;
    const text = (huge.message as { content: { text: string }[] }).content[0]?.text ?? '';
    expect(text.length).toBe(bytes);
    expect(r.lines.filter((l) => l.type === 'assistant')).toHaveLength(2002);
    expect(result(r)).toMatchObject({ result: 'end' });
  });

  it('prints raw and unknown lines, and rawNoNewline ends the output mid-line', async () => {
    const sb = sandbox();
    const r = await run(
      sb,
      print(
        withSteps([
          { raw: 'not json' },
          { rawBase64: Buffer.from([0x7b, 0xff, 0xfe]).toString('base64') },
          { unknown: { detail: 1 } },
          { stderr: 'a warning' },
          { rawNoNewline: '{"type":"assis' },
          { text: 'never' },
        ]),
      ),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nnot json\n');
    expect(r.stdout.endsWith('\n{"type":"assis')).toBe(true);
    expect(r.lines.find((l) => l.type === 'future_event')).toEqual({
      type: 'future_event',
      detail: 1,
    });
    expect(r.lines.some((l) => l.type === 'result')).toBe(false);
    expect(r.stderr).toBe('a warning\n');

    const failed = await run(sb, print(withSteps([{ fail: { stderr: 'line1\nline2', code: 2 } }])));
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('line1\nline2\n');
    expect(failed.lines.map((l) => l.type)).toEqual(['system']);
  });

  it('reads the prompt from stdin like the real CLI', async () => {
    const sb = sandbox();
    const r = await run(sb, ['-p', ...STREAM], { stdin: withSteps([{ text: 'from stdin' }]) });
    expect(r.code).toBe(0);
    expect(texts(r)).toEqual(['from stdin']);
  });
});
