import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamInterpreter, type StreamOutcome } from '../../src-main/core/runner/stream-signals';

const REFERENCE = '/work/shared/reference/claude-code-2.1.197';
type Json = Record<string, unknown>;

function transcript(name: string): Json[] {
  return fs
    .readFileSync(path.join(REFERENCE, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Json);
}

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

function feed(lines: Json[], now = NOW): StreamOutcome {
  const interp = new StreamInterpreter(() => now);
  for (const line of lines) interp.observe(line);
  return interp.outcome;
}

const assistantError = (text: string, error = 'rate_limit'): Json => ({
  type: 'assistant',
  error,
  message: { model: '<synthetic>', content: [{ type: 'text', text }] },
});

const errorResult = (text: string, status: number | null = null): Json => ({
  type: 'result',
  subtype: 'success',
  is_error: true,
  api_error_status: status,
  result: text,
  session_id: 's1',
  total_cost_usd: 0,
});

const rateLimitEvent = (info: Json): Json => ({ type: 'rate_limit_event', rate_limit_info: info });

const toolResult = (content: unknown, isError = true): Json => ({
  type: 'user',
  message: {
    role: 'user',
    content: [{ type: 'tool_result', tool_use_id: 't1', is_error: isError, content }],
  },
});

describe('StreamInterpreter on real 2.1.197 transcripts', () => {
  it('commit.jsonl: session, cost, turns, no limits', () => {
    const o = feed(transcript('commit.jsonl'));
    expect(o.sessionStarted).toBe(true);
    expect(o.sessionId).toBe('7b7edb3f-c01c-4f8f-ab2f-bcc06255489f');
    expect(o.cliVersion).toBe('2.1.197');
    expect(o.sessionCostUsd).toBe(0.0075);
    expect(o.numTurns).toBe(2);
    expect(o.durationMs).toBe(475);
    expect(o.result).toEqual({
      subtype: 'success',
      isError: false,
      text: 'Done: added hello.txt',
      apiErrorStatus: null,
    });
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toBeNull();
    expect(o.permissionDenied).toBeNull();
    expect(o.budgetExceeded).toBe(false);
  });

  it('rate-limit-exhausted.jsonl: a rate limit, not a spent quota', () => {
    const o = feed(transcript('rate-limit-exhausted.jsonl'));
    expect(o.rateLimit).toBe(
      'API Error: Request rejected (429) · Number of requests has exceeded your rate limit',
    );
    expect(o.quota).toBeNull();
    expect(o.result).toMatchObject({ isError: true, apiErrorStatus: 429 });
    expect(o.sessionCostUsd).toBe(0);
  });

  it('rate-limit-exhausted.jsonl: the synthetic assistant line alone is a rate limit', () => {
    const lines = transcript('rate-limit-exhausted.jsonl').filter((l) => l.type !== 'result');
    expect(feed(lines).rateLimit).toContain('429');
  });

  it('rate-limit-exhausted.jsonl: the 429 result alone is a rate limit', () => {
    const lines = transcript('rate-limit-exhausted.jsonl').filter((l) => l.type !== 'assistant');
    expect(feed(lines).rateLimit).toContain('exceeded your rate limit');
  });

  it('rate-limit-retried.jsonl: api_retry alone is the CLI retrying, not a rate limit', () => {
    const lines = transcript('rate-limit-retried.jsonl');
    expect(lines.some((l) => l.subtype === 'api_retry')).toBe(true);
    const o = feed(lines);
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toBeNull();
    expect(o.result?.isError).toBe(false);
    expect(o.sessionCostUsd).toBe(0.0125);
  });

  it('ask-question.jsonl: a normal run', () => {
    const o = feed(transcript('ask-question.jsonl'));
    expect(o.sessionStarted).toBe(true);
    expect(o.sessionId).toBe('368c29b0-0eb7-45c0-9756-fd47189f9171');
    expect(o.sessionCostUsd).toBe(0.0125);
    expect(o.result).toMatchObject({ isError: false, subtype: 'success' });
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toBeNull();
    expect(o.permissionDenied).toBeNull();
  });

  it('a stream with no init line has not started a session', () => {
    const lines = transcript('commit.jsonl').filter((l) => l.subtype !== 'init');
    const o = feed(lines);
    expect(o.sessionStarted).toBe(false);
    // The result line still names the session.
    expect(o.sessionId).toBe('7b7edb3f-c01c-4f8f-ab2f-bcc06255489f');
  });
});

describe('StreamInterpreter on synthetic lines', () => {
  it('rate_limit_event rejected with a reset soon is a rate limit', () => {
    const resetsAt = Math.floor((NOW + 60_000) / 1000);
    const o = feed([rateLimitEvent({ status: 'rejected', resetsAt, rateLimitType: 'five_hour' })]);
    expect(o.rateLimit).toBe('claude rate limit reached (five_hour)');
    expect(o.quota).toBeNull();
  });

  it('rate_limit_event rejected without a reset time is a rate limit', () => {
    expect(feed([rateLimitEvent({ status: 'rejected' })]).rateLimit).toBe(
      'claude rate limit reached (rejected)',
    );
  });

  it('rate_limit_event rejected with a reset hours away is a spent quota, reset in ms', () => {
    const resetsAt = Math.floor(NOW / 1000) + 3 * 3600;
    const o = feed([rateLimitEvent({ status: 'rejected', resetsAt, rateLimitType: 'five_hour' })]);
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toEqual({
      message: 'claude rate limit reached (five_hour)',
      resetAt: resetsAt * 1000,
    });
  });

  it('rate_limit_event with resetsAt already in ms is not scaled again', () => {
    const resetsAt = NOW + 2 * 3600_000;
    expect(feed([rateLimitEvent({ status: 'rejected', resetsAt })]).quota?.resetAt).toBe(resetsAt);
  });

  it('rate_limit_event that is not rejected is ignored', () => {
    const o = feed([
      rateLimitEvent({ status: 'allowed', resetsAt: 1 }),
      rateLimitEvent({ status: 'allowed_warning', resetsAt: 1 }),
    ]);
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toBeNull();
  });

  it('"usage limit reached|<epoch>" is a quota with that reset time', () => {
    const o = feed([assistantError('Claude AI usage limit reached|1767225600')]);
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toEqual({
      message: 'Claude AI usage limit reached',
      resetAt: 1767225600000,
    });
  });

  it('"You\'ve hit your usage limit · resets 3pm" is a quota reset at the next 3 pm', () => {
    const now = new Date(2026, 10, 24, 10, 0, 0).getTime();
    const text = "You've hit your usage limit · resets 3pm";
    const o = feed([errorResult(text)], now);
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toEqual({ message: text, resetAt: new Date(2026, 10, 24, 15, 0).getTime() });
  });

  it('a quota message from an assistant line without a time has resetAt null', () => {
    const o = feed([assistantError('Claude AI usage limit reached')]);
    expect(o.quota).toEqual({ message: 'Claude AI usage limit reached', resetAt: null });
  });

  it('an assistant error that is not rate_limit is not a rate limit', () => {
    const o = feed([assistantError('API Error: 500', 'server_error')]);
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toBeNull();
  });

  it('an empty rate_limit assistant line still names a rate limit', () => {
    expect(feed([assistantError('')]).rateLimit).toBe('claude rate limit reached');
  });

  it('an error result that is neither 429 nor a quota is only a failed result', () => {
    const o = feed([errorResult('something broke', 500)]);
    expect(o.result).toMatchObject({ isError: true, text: 'something broke', apiErrorStatus: 500 });
    expect(o.rateLimit).toBeNull();
    expect(o.quota).toBeNull();
  });

  it('keeps the first rate-limit message', () => {
    const o = feed([
      assistantError('first limit'),
      rateLimitEvent({ status: 'rejected' }),
      errorResult('second limit', 429),
    ]);
    expect(o.rateLimit).toBe('first limit');
  });

  it('keeps the first quota', () => {
    const o = feed([
      assistantError('Claude AI usage limit reached|1767225600'),
      errorResult('Claude AI usage limit reached|1767300000'),
    ]);
    expect(o.quota?.resetAt).toBe(1767225600000);
  });

  it('reads legacy cost_usd', () => {
    expect(feed([{ type: 'result', subtype: 'success', cost_usd: 0.42 }]).sessionCostUsd).toBe(
      0.42,
    );
    expect(feed([{ type: 'assistant', cost_usd: 0.1 }]).sessionCostUsd).toBe(0.1);
  });

  it('later cost totals replace earlier ones; a result without one keeps it', () => {
    const o = feed([
      { type: 'result', subtype: 'success', total_cost_usd: 0.5 },
      { type: 'result', subtype: 'success', total_cost_usd: 'NaN' },
    ]);
    expect(o.sessionCostUsd).toBe(0.5);
  });

  it('result subtype error_max_budget_usd is budget exceeded', () => {
    const o = feed([{ type: 'result', subtype: 'error_max_budget_usd', is_error: true }]);
    expect(o.budgetExceeded).toBe(true);
    expect(o.result?.subtype).toBe('error_max_budget_usd');
  });

  it('terminal_reason budget_exhausted is budget exceeded', () => {
    const o = feed([{ type: 'result', subtype: 'success', terminal_reason: 'budget_exhausted' }]);
    expect(o.budgetExceeded).toBe(true);
  });

  it('a successful result is not budget exceeded', () => {
    expect(feed([{ type: 'result', subtype: 'success' }]).budgetExceeded).toBe(false);
  });

  it('a denied tool_result with string content is permission denied', () => {
    const text = 'Claude requested permissions to use Bash, but you have not granted it yet.';
    expect(feed([toolResult(text)]).permissionDenied).toBe(text);
  });

  it('a denied tool_result with an array of text blocks is permission denied', () => {
    const o = feed([
      toolResult([
        { type: 'text', text: 'Claude requested permissions to write to /etc/passwd' },
        { type: 'text', text: 'second block' },
      ]),
    ]);
    expect(o.permissionDenied).toBe(
      'Claude requested permissions to write to /etc/passwd\nsecond block',
    );
  });

  it('"haven\'t granted" is permission denied too', () => {
    expect(feed([toolResult("you haven't granted it yet")]).permissionDenied).toBe(
      "you haven't granted it yet",
    );
  });

  it('a tool_result that is not an error, or another error, is not permission denied', () => {
    const o = feed([
      toolResult('Claude requested permissions to use Bash', false),
      toolResult('command not found: foo'),
    ]);
    expect(o.permissionDenied).toBeNull();
  });

  it('system/permission_denied is permission denied, keeping the first', () => {
    const o = feed([
      { type: 'system', subtype: 'permission_denied', tool_name: 'Bash', message: 'no Bash' },
      { type: 'system', subtype: 'permission_denied', tool_name: 'Edit', message: 'no Edit' },
    ]);
    expect(o.permissionDenied).toBe('no Bash');
  });

  it('system/permission_denied without a message names the tool', () => {
    const o = feed([{ type: 'system', subtype: 'permission_denied', tool_name: 'WebFetch' }]);
    expect(o.permissionDenied).toBe('permission denied for WebFetch');
  });

  it('ignores unknown types and other system subtypes', () => {
    const o = feed([
      { type: 'future_event', error: 'rate_limit', is_error: true, subtype: 'init' },
      { type: 'system', subtype: 'vcs_state_changed', kind: 'commit', session_id: 'x' },
      { type: 'system', subtype: 'api_retry', error: 'rate_limit', error_status: 429 },
      { notype: true },
    ]);
    expect(o).toEqual({
      sessionId: null,
      sessionStarted: false,
      cliVersion: null,
      sessionCostUsd: null,
      numTurns: null,
      durationMs: null,
      result: null,
      rateLimit: null,
      quota: null,
      permissionDenied: null,
      budgetExceeded: false,
    });
  });
});
