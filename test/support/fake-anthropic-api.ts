/**
 * A scripted stand-in for the Anthropic Messages API, good enough to drive the real
 * `claude` CLI (Claude Code 2.1.x) offline in tests.
 *
 * Point the CLI at it with `realClaudeEnv({ apiUrl: fake.url, home })`. The agent's turns come
 * from a script embedded in the prompt: a line
 *
 *     STANDIN_SCRIPT: [{"bash":"echo hi > a.txt && git add -A && git commit -qm hi"},{"text":"done"}]
 *
 * A `{"bash": cmd}` turn answers with a `Bash` tool_use (stop_reason `tool_use`), a
 * `{"text": s}` turn with a final text (stop_reason `end_turn`). The turn to answer is the number
 * of assistant messages already in the conversation, so a `--resume` with a new prompt simply
 * continues the script. In a bash turn `{{LAST_USER_TEXT}}` becomes the text of the latest
 * plain-text user message (e.g. the answer given on a resume), single-quoted for the shell.
 *
 * Requests that are not the agent conversation (no `Bash` tool offered, or a tiny `max_tokens`:
 * titles, summaries, quota probes...) get a short text reply. Without a script line the agent
 * conversation gets the text "ok".
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Absolute path of the installed `claude` binary (npm `@anthropic-ai/claude-code`). */
export const REAL_CLAUDE_BIN: string = resolveClaudeBin();

function resolveClaudeBin(): string {
  const link = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'claude');
  return existsSync(link) ? realpathSync(link) : link;
}

/** What the stand-in made of one request. */
export type RequestKind =
  /** the agent conversation (the `Bash` tool is offered): answered from the script */
  | 'agent'
  /** a side request of the CLI (title, summary, quota probe...): answered with short text */
  | 'side'
  /** answered with an error by `failNext` */
  | 'failed'
  /** a body that is not valid JSON or not a messages request: 400 */
  | 'invalid'
  /** anything other than `POST /v1/messages` */
  | 'other';

export interface RecordedRequest {
  method: string;
  /** the request target, query included, e.g. `/v1/messages?beta=true` */
  url: string;
  /** the path without query, e.g. `/v1/messages` */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** the raw body text ('' when none) */
  rawBody: string;
  /** the parsed JSON body, or undefined when the body is empty or not JSON */
  body: unknown;
  kind: RequestKind;
  /** the HTTP status the stand-in answered with */
  status: number;
  /** for `agent` requests: the script turn that was answered (assistant messages so far) */
  turn?: number;
  /** for `agent` and `side` requests: whether the reply was streamed (SSE) */
  stream?: boolean;
}

export interface FakeAnthropicOptions {
  /** Log every request (one line each) through this function, e.g. `console.error`. */
  log?: (line: string) => void;
  /** Usage reported per reply; defaults to 1000 input / 50 output tokens. */
  usage?: { input_tokens: number; output_tokens: number };
  /** Text of the reply to side requests; defaults to "ok". */
  sideText?: string;
}

export interface FakeAnthropic {
  /** Base URL for ANTHROPIC_BASE_URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** Every request received, in order of arrival (recorded once the body has been read). */
  requests: RecordedRequest[];
  close(): Promise<void>;
  /**
   * Answer the next `count` `POST /v1/messages` requests with `status` (429 → a
   * `rate_limit_error` with `retry-after: 0`; 529 → `overloaded_error`; 500 → `api_error`...).
   */
  failNext(status: number, count: number): void;
}

/** One scripted agent turn. */
export type ScriptTurn =
  | { bash: string; description?: string }
  | { text: string }
  | { tool: string; input: Record<string, unknown> };

const SCRIPT_RE = /^[ \t]*STANDIN_SCRIPT:[ \t]*(.+?)[ \t]*$/m;
const SIDE_MAX_TOKENS = 1024;

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const failures: number[] = [];
  const usage = opts.usage ?? { input_tokens: 1000, output_tokens: 50 };
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path: url.split('?')[0] ?? url,
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
        kind: 'other',
        status: 0,
      };
      requests.push(record);
      // A client that goes away mid-answer must not crash the test process.
      res.on('error', () => undefined);
      try {
        handle(record, res);
      } catch (err) {
        record.status = 500;
        sendJson(res, 500, apiError(500, `stand-in failed: ${String(err)}`));
      }
      opts.log?.(
        `[fake-anthropic] ${record.method} ${record.url} -> ${record.status} ${record.kind}` +
          (record.turn !== undefined ? ` turn=${record.turn}` : ''),
      );
    });
  });

  function handle(record: RecordedRequest, res: http.ServerResponse): void {
    counter += 1;
    if (record.method !== 'POST' || record.path !== '/v1/messages') {
      // The CLI sends `HEAD /` to warm the connection up; anything else is unexpected.
      if (record.path === '/' && (record.method === 'HEAD' || record.method === 'GET')) {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(record.method === 'GET' ? 'ok' : undefined);
        return;
      }
      record.status = 404;
      sendJson(res, 404, apiError(404, `stand-in: no route for ${record.method} ${record.path}`));
      return;
    }
    const pending = failures[0];
    if (pending !== undefined) {
      failures.shift();
      record.kind = 'failed';
      record.status = pending;
      sendJson(res, pending, apiError(pending, errorMessage(pending)), errorHeaders(pending));
      return;
    }
    const body = record.body;
    if (!isRecord(body) || !Array.isArray(body.messages)) {
      record.kind = 'invalid';
      record.status = 400;
      sendJson(res, 400, apiError(400, 'stand-in: expected a JSON body with messages'));
      return;
    }
    const model = typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5';
    const stream = body.stream === true;
    const messages: unknown[] = body.messages;
    let content: ContentBlock[];
    let stopReason: 'end_turn' | 'tool_use';
    if (isAgentRequest(body)) {
      const turn = messages.filter((m) => isRecord(m) && m.role === 'assistant').length;
      record.kind = 'agent';
      record.turn = turn;
      const script = findScript(messages);
      const step = script?.[turn];
      if (script === undefined) {
        content = [{ type: 'text', text: 'ok' }];
        stopReason = 'end_turn';
      } else if (step === undefined) {
        content = [{ type: 'text', text: `(stand-in script has no turn ${turn})` }];
        stopReason = 'end_turn';
      } else if ('text' in step) {
        content = [{ type: 'text', text: step.text }];
        stopReason = 'end_turn';
      } else if ('bash' in step) {
        const command = step.bash
          .split('{{LAST_USER_TEXT}}')
          .join(shellQuote(lastUserText(messages)));
        content = [
          {
            type: 'tool_use',
            id: `toolu_${randomId()}`,
            name: 'Bash',
            input: { command, description: step.description ?? 'run' },
          },
        ];
        stopReason = 'tool_use';
      } else {
        content = [
          { type: 'tool_use', id: `toolu_${randomId()}`, name: step.tool, input: step.input },
        ];
        stopReason = 'tool_use';
      }
    } else {
      record.kind = 'side';
      content = [{ type: 'text', text: opts.sideText ?? 'ok' }];
      stopReason = 'end_turn';
    }
    record.stream = stream;
    record.status = 200;
    const id = `msg_${String(counter).padStart(4, '0')}${randomId()}`;
    if (stream) {
      sendStream(res, { id, model, content, stopReason, usage });
    } else {
      sendJson(
        res,
        200,
        {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: stopReason,
          stop_sequence: null,
          usage: fullUsage(usage.input_tokens, usage.output_tokens),
        },
        requestIdHeader(),
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status: number, count: number): void {
      for (let i = 0; i < count; i += 1) failures.push(status);
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * The whole environment for running the real CLI against the stand-in, offline and quietly.
 * Use it as the child's complete `env` (do not merge `process.env` in: a developer's own
 * ANTHROPIC_* / CLAUDE_* variables would leak into the run). `home` should be a fresh temp
 * directory per test: the CLI keeps its config and sessions under `$HOME/.claude`.
 */
export function realClaudeEnv(opts: { apiUrl: string; home: string }): Record<string, string> {
  const runtimeDir = path.join(opts.home, '.run');
  const tmpDir = path.join(opts.home, '.tmp');
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  mkdirSync(tmpDir, { recursive: true });
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: opts.home,
    SHELL: existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh',
    LANG: 'C.UTF-8',
    // The stand-in API; any key works. With a key the CLI never looks for a sign-in.
    ANTHROPIC_BASE_URL: opts.apiUrl,
    ANTHROPIC_API_KEY: 'sk-ant-api03-stand-in-key',
    // The CLI refuses --permission-mode bypassPermissions as root unless told it is sandboxed.
    IS_SANDBOX: '1',
    // No telemetry, error reports, feature-flag fetches or update checks: without these the CLI
    // resolves api.anthropic.com and friends (fails fast offline, but it is traffic we never want).
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // Default 10 retries ≈ 3 minutes of backoff on a failing API.
    CLAUDE_CODE_MAX_RETRIES: '1',
    // Keep the CLI's sockets and temp files (and those of the commands it runs) out of /tmp.
    XDG_RUNTIME_DIR: runtimeDir,
    CLAUDE_CODE_TMPDIR: tmpDir,
    TMPDIR: tmpDir,
    // Commits made by the agent's Bash commands need an identity; HOME has no .gitconfig.
    GIT_AUTHOR_NAME: 'Stand-in Agent',
    GIT_AUTHOR_EMAIL: 'agent@example.invalid',
    GIT_COMMITTER_NAME: 'Stand-in Agent',
    GIT_COMMITTER_EMAIL: 'agent@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
  };
}

// ---------------------------------------------------------------------------------------------

type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function randomId(): string {
  return randomBytes(9).toString('hex');
}

/** The agent conversation offers the Bash tool and a real output budget; side requests don't. */
function isAgentRequest(body: Record<string, unknown>): boolean {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const hasBash = tools.some((t) => isRecord(t) && t.name === 'Bash');
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : Infinity;
  return hasBash && maxTokens > SIDE_MAX_TOKENS;
}

/** The text blocks of a message (string content counts as one block); tool results excluded. */
function textBlocks(message: unknown): string[] {
  if (!isRecord(message)) return [];
  const { content } = message;
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  const out: string[] = [];
  for (const block of content) {
    if (isRecord(block) && block.type === 'text' && typeof block.text === 'string') {
      out.push(block.text);
    }
  }
  return out;
}

function userMessages(messages: unknown[]): unknown[] {
  return messages.filter((m) => isRecord(m) && m.role === 'user');
}

/** The script from the first user text that has a `STANDIN_SCRIPT:` line. */
function findScript(messages: unknown[]): ScriptTurn[] | undefined {
  for (const message of userMessages(messages)) {
    for (const text of textBlocks(message)) {
      const match = SCRIPT_RE.exec(text);
      if (match?.[1] === undefined) continue;
      const parsed = parseJson(match[1]);
      if (!Array.isArray(parsed)) {
        throw new Error(`STANDIN_SCRIPT is not a JSON array: ${match[1]}`);
      }
      return parsed.map(toTurn);
    }
  }
  return undefined;
}

function toTurn(v: unknown, i: number): ScriptTurn {
  if (isRecord(v)) {
    if (typeof v.bash === 'string') {
      return typeof v.description === 'string'
        ? { bash: v.bash, description: v.description }
        : { bash: v.bash };
    }
    if (typeof v.text === 'string') return { text: v.text };
    if (typeof v.tool === 'string' && isRecord(v.input)) return { tool: v.tool, input: v.input };
  }
  throw new Error(`STANDIN_SCRIPT turn ${i} is not {bash}, {text} or {tool, input}`);
}

/**
 * The text of the latest user message that has plain text (not only tool results), without
 * the `<system-reminder>` blocks the CLI adds around the prompt.
 */
function lastUserText(messages: unknown[]): string {
  const users = userMessages(messages);
  for (let i = users.length - 1; i >= 0; i -= 1) {
    const texts = textBlocks(users[i])
      .filter((t) => !t.trimStart().startsWith('<system-reminder>'))
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (texts.length > 0) return texts.join('\n');
  }
  return '';
}

function shellQuote(s: string): string {
  return `'${s.split("'").join(`'\\''`)}'`;
}

function fullUsage(input: number, output: number): Record<string, unknown> {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    service_tier: 'standard',
  };
}

function requestIdHeader(): Record<string, string> {
  return { 'request-id': `req_${randomId()}` };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function sendStream(
  res: http.ServerResponse,
  m: {
    id: string;
    model: string;
    content: ContentBlock[];
    stopReason: string;
    usage: { input_tokens: number; output_tokens: number };
  },
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...requestIdHeader(),
  });
  const event = (type: string, data: Record<string, unknown>): void => {
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  };
  event('message_start', {
    message: {
      id: m.id,
      type: 'message',
      role: 'assistant',
      model: m.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: fullUsage(m.usage.input_tokens, 1),
    },
  });
  m.content.forEach((block, index) => {
    if (block.type === 'text') {
      event('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const piece of halves(block.text)) {
        event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
      }
    } else {
      event('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      for (const piece of halves(JSON.stringify(block.input))) {
        event('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        });
      }
    }
    event('content_block_stop', { index });
  });
  event('message_delta', {
    delta: { stop_reason: m.stopReason, stop_sequence: null },
    usage: { output_tokens: m.usage.output_tokens },
  });
  event('message_stop', {});
  res.end();
}

/** Split a string in two deltas, as the real API streams in pieces. */
function halves(s: string): string[] {
  if (s.length < 2) return [s];
  const cut = Math.floor(s.length / 2);
  return [s.slice(0, cut), s.slice(cut)];
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

function errorMessage(status: number): string {
  if (status === 429) return 'Number of requests has exceeded your rate limit';
  if (status === 529) return 'Overloaded';
  if (status === 401) return 'invalid x-api-key';
  return `stand-in error ${status}`;
}

function apiError(status: number, message: string): Record<string, unknown> {
  return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } };
}

function errorHeaders(status: number): Record<string, string> {
  const headers: Record<string, string> = { ...requestIdHeader(), 'x-should-retry': 'true' };
  if (status === 429 || status === 529) {
    headers['retry-after'] = '0';
    headers['retry-after-ms'] = '0';
  }
  return headers;
}
