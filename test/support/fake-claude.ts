/**
 * Helpers for tests that run test/fixtures/fake-claude.mjs in place of the real
 * `claude` CLI.
 *
 * Put the line returned by `scenario()` anywhere in a task's instructions: the
 * fake finds `FAKE_SCENARIO: {...}` in its prompt and plays the steps.
 *
 * - A fresh run (`--session-id`, or no id) plays `steps`, then prints a success
 *   result — unless a step ended the run first.
 * - A `--resume` first prints the assistant text `Got answer: <prompt>` (bash
 *   steps also see the prompt as env `FAKE_ANSWER`), then plays, in order of
 *   preference: the steps of a FAKE_SCENARIO line in the resume prompt (which
 *   replaces the session's scenario); the rest of the previous run if it
 *   stopped early (rate limit, quota, fail, exit, killed...: it goes on after
 *   the step it stopped in, except that a rateLimit / rateLimitEvent / quota
 *   step is met again and decides by its count); `onResume`; nothing.
 *   The answer is the resume prompt without its FAKE_SCENARIO line.
 * - `ask` / `askRaw` end the run with success; later steps are never played.
 * - `rateLimit`, `rateLimitEvent` (rejected) and `quota` count per session and
 *   per step: the first `times` runs that reach the step fail there, later runs
 *   pass through (default: fail every time).
 * - Each run costs `cost` (default 0.01). `total_cost_usd` is that run's own cost, as
 *   2.1.197 prints it (one process per run); with env FAKE_CLAUDE_VERSION >= 2.1.330, or
 *   `cumulativeCost: true`, it is the session's running total instead.
 *   With `--max-budget-usd B`, a run whose session total reaches B ends with an
 *   `error_max_budget_usd` result instead of success, like the real CLI.
 *
 * Other behaviour copied from the real CLI: `-p` is a boolean and the prompt is
 * the positional argument; `--allowedTools`, `--disallowedTools`, `--add-dir`
 * and `--mcp-config` are variadic (they swallow following non-flag arguments,
 * a prompt included); a stdin left open as a pipe delays the run by 3 s with a
 * warning on stderr; as root, `--permission-mode bypassPermissions` needs env
 * `IS_SANDBOX=1`.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Absolute path of the fake `claude` executable. */
export const FAKE_CLAUDE_BIN = path.resolve(__dirname, '../fixtures/fake-claude.mjs');

export type FakeStep =
  /** Assistant text block. */
  | { text: string }
  /** Bash tool call run with /bin/sh -c in the cwd; tool_result is_error when exit != 0. */
  | { bash: string }
  /** Writes the file (relative to cwd) and commits everything, as one Bash tool call. */
  | { commit: { path: string; content: string; message: string } }
  /** Write tool call: writes the file without committing. */
  | { write: { path: string; content: string } }
  /** Writes {text, options} to $CLAUDOMATOR_QUESTION_FILE, says so, ends with success. */
  | { ask: { text: string; options?: string[] } }
  /** Writes this string verbatim to $CLAUDOMATOR_QUESTION_FILE, ends like `ask`. */
  | { askRaw: string }
  /** Writes the text to $CLAUDOMATOR_SUMMARY_FILE. */
  | { summary: string }
  /** Waits this many milliseconds. */
  | { sleep: number }
  /**
   * Like rate-limit-exhausted.jsonl: api_retry lines (CLAUDE_CODE_MAX_RETRIES, default 10),
   * a synthetic assistant message with error "rate_limit", an is_error result with
   * api_error_status 429; exit 1.
   */
  | { rateLimit: { times?: number; text?: string } }
  /** A rate_limit_event line; when rejected, then ends like `rateLimit` (without api_retry). */
  | {
      rateLimitEvent: {
        status: 'allowed' | 'allowed_warning' | 'rejected';
        resetsAt?: number;
        rateLimitType?: string;
        utilization?: number;
        times?: number;
        text?: string;
      };
    }
  /**
   * Subscription quota: synthetic assistant text `Claude AI usage limit reached|<resetsAt>`
   * (or `text`), error "rate_limit", is_error result with the same text and status 429; exit 1.
   */
  | { quota: { resetsAt: number; times?: number; text?: string } }
  /** One system/api_retry line (the CLI retrying by itself); the run goes on. */
  | { apiRetry: { attempt?: number; status?: number; maxRetries?: number } }
  /** Writes stderr and exits with code (default 1), no result line. */
  | { fail: { stderr?: string; code?: number } }
  /** Result subtype error_during_execution, is_error, `errors: [text]` (no `result`); exit 1. */
  | { resultError: string }
  /** Result subtype error_max_budget_usd, terminal_reason budget_exhausted; exit 1. */
  | { budgetExceeded: true }
  /** Tool call answered with an is_error permission tool_result; listed in permission_denials. */
  | { permissionDenied: string }
  /** One assistant text line whose text is this many bytes. */
  | { hugeLine: number }
  /** Prints the string and a newline. */
  | { raw: string }
  /** Prints the decoded bytes and a newline (invalid UTF-8, truncated JSON...). */
  | { rawBase64: string }
  /** Prints the string without newline and exits 0 at once. */
  | { rawNoNewline: string }
  /** `lines` assistant text lines of `bytes` characters (default 16), as fast as possible. */
  | { flood: { lines: number; bytes?: number } }
  /** Prints `{"type": type ?? "future_event", ...fields}`. */
  | { unknown: { type?: string; [field: string]: unknown } }
  /**
   * Starts `sleep seconds` in the same process group and writes its pid to pidFile (relative
   * to cwd). With holdStdout the grandchild inherits stdout/stderr (keeps the pipes open).
   */
  | { spawn: { pidFile: string; seconds?: number; holdStdout?: boolean } }
  /** From now on SIGTERM is ignored. */
  | { ignoreSigterm: true }
  /** Exits at once with this code, no result line. */
  | { exit: number }
  /** Writes the text to stderr; the run goes on. */
  | { stderr: string };

export interface ScenarioOptions {
  /** A file that gets a copy of every byte the fake writes to stdout in this session. */
  tee?: string;
  /** Steps a `--resume` plays once the previous run finished (e.g. after `ask`). */
  onResume?: FakeStep[];
  /** Cost of each run in USD (default 0.01). */
  cost?: number;
  /** true: total_cost_usd is the session's running total (default: by version, see above). */
  cumulativeCost?: boolean;
}

/** The line to put in a task's instructions (or a resume prompt). */
export function scenario(steps: FakeStep[], opts: ScenarioOptions = {}): string {
  return `FAKE_SCENARIO: ${JSON.stringify({ steps, ...opts })}`;
}

/** One line of the file named by env FAKE_CLAUDE_RECORD. */
export interface FakeInvocation {
  argv: string[];
  /** The prompt the fake ran with: its argument, or what it read on stdin. */
  prompt: string;
  cwd: string;
  /** Only HOME and CLAUDOMATOR_* variables. */
  env: Record<string, string>;
  pid: number;
}

/** The invocations recorded in `file` (env FAKE_CLAUDE_RECORD); [] when none yet. */
export function readInvocations(file: string): FakeInvocation[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FakeInvocation);
}

/** Where the real CLI (and the fake) keep a session: $HOME/.claude/projects/<slug>/<id>.jsonl. */
export function sessionFilePath(home: string, cwd: string, sessionId: string): string {
  const real = fs.realpathSync(cwd);
  return path.join(
    home,
    '.claude',
    'projects',
    real.replace(/[^a-zA-Z0-9]/g, '-'),
    `${sessionId}.jsonl`,
  );
}
