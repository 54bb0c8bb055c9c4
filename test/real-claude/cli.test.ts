/**
 * The real `claude` CLI (npm @anthropic-ai/claude-code) against the scripted stand-in API in
 * test/support/fake-anthropic-api.ts: what Claudomator relies on, checked end to end offline.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  REAL_CLAUDE_BIN,
  realClaudeEnv,
  startFakeAnthropic,
  type FakeAnthropic,
  type ScriptTurn,
} from '../support/fake-anthropic-api';

const TEST_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 45_000;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (non-JSON lines dropped) */
  lines: Record<string, unknown>[];
  ms: number;
}

function runClaude(args: string[], cwd: string, env: Record<string, string>): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(REAL_CLAUDE_BIN, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        lines: parseLines(stdout),
        ms: Date.now() - started,
      });
    });
  });
}

function parseLines(stdout: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isRecord(v)) out.push(v);
    } catch {
      // not a JSON line
    }
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function prompt(task: string, script: ScriptTurn[]): string {
  return `${task}\n\nSTANDIN_SCRIPT: ${JSON.stringify(script)}\n`;
}

function streamArgs(...rest: string[]): string[] {
  return [
    ...rest,
    '--output-format',
    'stream-json',
    '--verbose',
    '--permission-mode',
    'bypassPermissions',
  ];
}

/** The content blocks of every line of `type` ('assistant' or 'user'). */
function blocks(lines: Record<string, unknown>[], type: string): Record<string, unknown>[] {
  return lines.flatMap((l) => {
    const message = l.message;
    if (l.type !== type || !isRecord(message) || !Array.isArray(message.content)) return [];
    return message.content.filter(isRecord);
  });
}

function only(lines: Record<string, unknown>[], type: string, subtype?: string) {
  return lines.filter((l) => l.type === type && (subtype === undefined || l.subtype === subtype));
}

// Git for the test itself: no user or system config, a fixed identity.
const gitEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: os.homedir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
}

interface Sandbox {
  root: string;
  home: string;
  repo: string;
  api: FakeAnthropic;
  env: Record<string, string>;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function sandbox(): Promise<Sandbox> {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'claudomator-real-claude-')));
  const api = await startFakeAnthropic(
    process.env.FAKE_ANTHROPIC_LOG ? { log: (l) => console.error(l) } : {},
  );
  cleanups.push(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });
  const home = path.join(root, 'home');
  const repo = path.join(root, 'repo');
  mkdirSync(home, { recursive: true });
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(repo, 'README.md'), '# sandbox\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'initial');
  return { root, home, repo, api, env: realClaudeEnv({ apiUrl: api.url, home }) };
}

function sessionFile(sb: Sandbox, sessionId: string): string {
  const slug = sb.repo.replace(/[/.]/g, '-');
  return path.join(sb.home, '.claude', 'projects', slug, `${sessionId}.jsonl`);
}

function describeFailure(r: RunResult, api: FakeAnthropic): string {
  const reqs = api.requests.map((q) => `${q.method} ${q.url} ${q.status} ${q.kind}`).join('\n');
  return `exit ${r.code} (${r.signal}) after ${r.ms} ms\nstderr:\n${r.stderr}\nstdout:\n${r.stdout}\nrequests:\n${reqs}`;
}

describe('real claude CLI against the stand-in API', () => {
  it(
    'runs a Bash tool call that commits, printing init, tool_use, tool_result and result',
    async () => {
      const sb = await sandbox();
      const sessionId = randomUUID();
      const command =
        'echo hello > hello.txt && git add -A && git commit -qm "add hello" && echo ok';
      const script: ScriptTurn[] = [{ bash: command }, { text: 'Done: added hello.txt' }];
      const r = await runClaude(
        streamArgs('-p', prompt('Add hello.txt', script), '--session-id', sessionId),
        sb.repo,
        sb.env,
      );
      expect(r.code, describeFailure(r, sb.api)).toBe(0);

      const init = only(r.lines, 'system', 'init');
      expect(init).toHaveLength(1);
      expect(init[0]?.session_id).toBe(sessionId);
      expect(init[0]?.cwd).toBe(sb.repo);
      expect(init[0]?.apiKeySource).toBe('ANTHROPIC_API_KEY');
      expect(init[0]?.permissionMode).toBe('bypassPermissions');

      const toolUse = blocks(r.lines, 'assistant').find((b) => b.type === 'tool_use');
      expect(toolUse?.name).toBe('Bash');
      expect(toolUse?.input).toMatchObject({
        command: script[0] && 'bash' in script[0] ? script[0].bash : '',
      });
      const toolResult = blocks(r.lines, 'user').find((b) => b.type === 'tool_result');
      expect(toolResult?.tool_use_id).toBe(toolUse?.id);
      expect(toolResult?.is_error).toBe(false);
      expect(toolResult?.content).toBe('ok');

      const results = only(r.lines, 'result');
      expect(results).toHaveLength(1);
      const result = results[0] ?? {};
      expect(result).toMatchObject({
        subtype: 'success',
        is_error: false,
        result: 'Done: added hello.txt',
        session_id: sessionId,
        num_turns: 2,
      });
      expect(typeof result.total_cost_usd).toBe('number');
      expect(result.total_cost_usd).toBeGreaterThan(0);

      expect(git(sb.repo, 'log', '--format=%s').trim().split('\n')).toEqual([
        'add hello',
        'initial',
      ]);
      expect(readFileSync(path.join(sb.repo, 'hello.txt'), 'utf8')).toBe('hello\n');
      expect(existsSync(sessionFile(sb, sessionId))).toBe(true);

      // Two agent turns, both streamed; no request left unanswered.
      const agent = sb.api.requests.filter((q) => q.kind === 'agent');
      expect(agent.map((q) => q.turn)).toEqual([0, 1]);
      expect(agent.every((q) => q.stream === true)).toBe(true);
      expect(sb.api.requests.filter((q) => q.status >= 400)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'asks a question through $CLAUDOMATOR_QUESTION_FILE, then --resume continues with the answer',
    async () => {
      const sb = await sandbox();
      const sessionId = randomUUID();
      const questionFile = path.join(sb.root, 'question.json');
      const env = { ...sb.env, CLAUDOMATOR_QUESTION_FILE: questionFile };
      const question = { text: 'Which colour should I use?', options: ['red', 'blue'] };
      const script: ScriptTurn[] = [
        {
          bash: `printf '%s' '${JSON.stringify(question)}' > "$CLAUDOMATOR_QUESTION_FILE" && echo asked`,
        },
        { text: 'I asked a question and will wait for the answer.' },
        {
          bash: 'printf "%s\\n" {{LAST_USER_TEXT}} > color.txt && git add color.txt && git commit -qm "paint" && echo painted',
        },
        { text: 'Painted.' },
      ];
      const first = await runClaude(
        streamArgs('-p', prompt('Paint it', script), '--session-id', sessionId),
        sb.repo,
        env,
      );
      expect(first.code, describeFailure(first, sb.api)).toBe(0);
      expect(JSON.parse(readFileSync(questionFile, 'utf8'))).toEqual(question);
      expect(only(first.lines, 'result')[0]).toMatchObject({
        subtype: 'success',
        is_error: false,
        session_id: sessionId,
        result: 'I asked a question and will wait for the answer.',
      });
      const firstCost = only(first.lines, 'result')[0]?.total_cost_usd;
      expect(typeof firstCost).toBe('number');

      const answer = 'blue';
      const second = await runClaude(streamArgs('-p', answer, '--resume', sessionId), sb.repo, env);
      expect(second.code, describeFailure(second, sb.api)).toBe(0);
      expect(only(second.lines, 'system', 'init')[0]?.session_id).toBe(sessionId);
      const result = only(second.lines, 'result')[0] ?? {};
      expect(result).toMatchObject({
        subtype: 'success',
        is_error: false,
        session_id: sessionId,
        result: 'Painted.',
      });
      // 2.1.197 reports this run's cost only (the same 2 turns cost the same), not the
      // session's cumulative cost that newer versions report after a --resume.
      expect(result.total_cost_usd).toBe(firstCost);

      expect(readFileSync(path.join(sb.repo, 'color.txt'), 'utf8')).toBe('blue\n');
      expect(git(sb.repo, 'log', '-1', '--format=%s').trim()).toBe('paint');
      const agentTurns = sb.api.requests.filter((q) => q.kind === 'agent').map((q) => q.turn);
      expect(agentTurns).toEqual([0, 1, 2, 3]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses --session-id of a session that already exists',
    async () => {
      const sb = await sandbox();
      const sessionId = randomUUID();
      const script: ScriptTurn[] = [{ text: 'nothing to do' }];
      const first = await runClaude(
        streamArgs('-p', prompt('Nothing', script), '--session-id', sessionId),
        sb.repo,
        sb.env,
      );
      expect(first.code, describeFailure(first, sb.api)).toBe(0);
      const before = sb.api.requests.length;

      const again = await runClaude(
        streamArgs('-p', prompt('Nothing again', script), '--session-id', sessionId),
        sb.repo,
        sb.env,
      );
      expect(again.code, describeFailure(again, sb.api)).toBe(1);
      expect(again.stderr).toContain(`Session ID ${sessionId} is already in use`);
      expect(only(again.lines, 'result')).toEqual([]);
      expect(sb.api.requests.slice(before).filter((q) => q.path === '/v1/messages')).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives up on a rate-limited API after CLAUDE_CODE_MAX_RETRIES, quickly',
    async () => {
      const sb = await sandbox();
      const sessionId = randomUUID();
      sb.api.failNext(429, 1000);
      const env = { ...sb.env, CLAUDE_CODE_MAX_RETRIES: '2' };
      const r = await runClaude(
        streamArgs('-p', prompt('Anything', [{ text: 'never' }]), '--session-id', sessionId),
        sb.repo,
        env,
      );
      expect(r.code, describeFailure(r, sb.api)).toBe(1);

      const retries = only(r.lines, 'system', 'api_retry');
      expect(retries.map((l) => l.attempt)).toEqual([1, 2]);
      for (const l of retries) {
        expect(l).toMatchObject({ max_retries: 2, error_status: 429, error: 'rate_limit' });
      }
      const assistant = only(r.lines, 'assistant');
      expect(assistant).toHaveLength(1);
      expect(assistant[0]?.error).toBe('rate_limit');
      expect(only(r.lines, 'result')[0]).toMatchObject({
        is_error: true,
        api_error_status: 429,
        session_id: sessionId,
      });
      expect(sb.api.requests.filter((q) => q.kind === 'failed')).toHaveLength(3);
      expect(r.ms).toBeLessThan(20_000);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the stand-in API on its own', () => {
  async function post(url: string, body: unknown): Promise<Response> {
    return fetch(`${url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  const bash = { name: 'Bash', input_schema: { type: 'object' } };
  const conversation = (script: ScriptTurn[], answer: string) => [
    { role: 'user', content: [{ type: 'text', text: prompt('Do it', script) }] },
    { role: 'assistant', content: [{ type: 'text', text: 'asked' }] },
    { role: 'user', content: [{ type: 'text', text: '<system-reminder>\nx\n</system-reminder>' }] },
    { role: 'user', content: answer },
  ];

  it('answers non-streamed requests with JSON, quoting {{LAST_USER_TEXT}} for the shell', async () => {
    const api = await startFakeAnthropic();
    cleanups.push(() => api.close());
    const script: ScriptTurn[] = [{ text: 'asked' }, { bash: 'echo {{LAST_USER_TEXT}}' }];
    const res = await post(api.url, {
      model: 'claude-test',
      max_tokens: 32000,
      tools: [bash],
      messages: conversation(script, "it's $HOME"),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'Bash', input: { command: `echo 'it'\\''s $HOME'` } }],
    });
    expect(api.requests[0]).toMatchObject({ kind: 'agent', turn: 1, stream: false, status: 200 });
  });

  it('streams SSE, answers side requests briefly, fails on demand and 404s unknown routes', async () => {
    const api = await startFakeAnthropic();
    cleanups.push(() => api.close());
    const messages = conversation([{ text: 'first' }, { text: 'second' }], 'x');

    const streamed = await post(api.url, {
      max_tokens: 32000,
      tools: [bash],
      messages,
      stream: true,
    });
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const events = (await streamed.text())
      .split('\n')
      .filter((l) => l.startsWith('event: '))
      .map((l) => l.slice('event: '.length));
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);

    const side = await post(api.url, { max_tokens: 512, messages });
    expect(await side.json()).toMatchObject({ content: [{ type: 'text', text: 'ok' }] });

    api.failNext(429, 1);
    const limited = await post(api.url, { max_tokens: 32000, tools: [bash], messages });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('0');
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_error' } });

    const unknown = await fetch(`${api.url}/api/unknown`);
    expect(unknown.status).toBe(404);
    expect(api.requests.map((q) => q.kind)).toEqual(['agent', 'side', 'failed', 'other']);
  });
});
