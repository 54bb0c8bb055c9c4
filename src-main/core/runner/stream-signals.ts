// Reads the meaning out of Claude Code's stream-json lines: session, cost,
// and the signals that decide how an execution ended. Unknown types are
// ignored here (they still reach the log and the transcript untouched).

export interface ResultInfo {
  subtype: string | null;
  isError: boolean;
  text: string | null;
  apiErrorStatus: number | null;
}

export interface StreamOutcome {
  sessionId: string | null;
  /** A system/init line was seen: the CLI created (or resumed) the session. */
  sessionStarted: boolean;
  /** `claude_code_version` from the init line. */
  cliVersion: string | null;
  /** `total_cost_usd` as the CLI reports it (see execution-cost.ts for what it covers). */
  sessionCostUsd: number | null;
  numTurns: number | null;
  durationMs: number | null;
  result: ResultInfo | null;
  rateLimit: string | null;
  quota: { message: string; resetAt: number | null } | null;
  permissionDenied: string | null;
  budgetExceeded: boolean;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const QUOTA_PATTERN = /usage limit reached|hit your (?:usage )?limit|out of (?:extra )?usage/i;
// Rejections that reset further away than this are a spent quota window, not a burst limit.
const QUOTA_HORIZON_MS = 5 * 60 * 1000;

/**
 * The reset time a quota message carries: "Claude AI usage limit reached|1767225600"
 * (epoch seconds), or "… · resets 3pm" / "resets at 15:30" (the next such local time).
 */
export function quotaResetFrom(text: string, now = Date.now()): number | null {
  const epoch = /\|(\d{9,13})\b/.exec(text);
  if (epoch) {
    const n = Number(epoch[1]);
    return n < 1e12 ? n * 1000 : n;
  }
  const clock = /\bresets\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/i.exec(text);
  if (!clock) return null;
  let hour = Number(clock[1]);
  const minute = Number(clock[2] ?? 0);
  const meridiem = clock[3]?.toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || (!meridiem && !clock[2])) return null;
  const at = new Date(now);
  at.setHours(hour, minute, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

function deniedText(content: unknown): string | null {
  const text = Array.isArray(content)
    ? content.map((c) => (isObj(c) ? (str(c.text) ?? '') : '')).join('\n')
    : str(content);
  if (text && (text.includes('requested permissions') || text.includes("haven't granted"))) {
    return text;
  }
  return null;
}

export class StreamInterpreter {
  readonly outcome: StreamOutcome = {
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
  };

  constructor(private readonly now: () => number = Date.now) {}

  observe(msg: Json): void {
    const o = this.outcome;
    const type = str(msg.type);
    switch (type) {
      case 'system':
        if (msg.subtype === 'init') {
          o.sessionStarted = true;
          o.sessionId = str(msg.session_id) ?? o.sessionId;
          o.cliVersion = str(msg.claude_code_version) ?? o.cliVersion;
        } else if (msg.subtype === 'permission_denied') {
          o.permissionDenied ??= str(msg.message) ?? `permission denied for ${str(msg.tool_name)}`;
        }
        break;
      case 'rate_limit_event':
        this.rateLimitEvent(msg);
        break;
      case 'assistant':
        if (msg.error === 'rate_limit') this.limitText(this.assistantText(msg));
        break;
      case 'user':
        this.toolResults(msg);
        break;
      case 'result':
        this.result(msg);
        break;
    }
    // Older CLIs reported cost on other lines as cost_usd.
    const legacy = num(msg.cost_usd);
    if (legacy !== null) o.sessionCostUsd = legacy;
  }

  private rateLimitEvent(msg: Json): void {
    const info = isObj(msg.rate_limit_info) ? msg.rate_limit_info : {};
    if (info.status !== 'rejected') return;
    const resetsAt = num(info.resetsAt);
    const resetMs = resetsAt === null ? null : resetsAt < 1e12 ? resetsAt * 1000 : resetsAt;
    const what = `claude rate limit reached (${str(info.rateLimitType) ?? 'rejected'})`;
    if (resetMs !== null && resetMs - this.now() > QUOTA_HORIZON_MS) {
      this.outcome.quota ??= { message: what, resetAt: resetMs };
    } else {
      this.outcome.rateLimit ??= what;
    }
  }

  private limitText(text: string): void {
    if (QUOTA_PATTERN.test(text)) {
      this.outcome.quota ??= {
        message: text.split('|')[0]!.trim(),
        resetAt: quotaResetFrom(text, this.now()),
      };
    } else {
      this.outcome.rateLimit ??= text || 'claude rate limit reached';
    }
  }

  private assistantText(msg: Json): string {
    const message = isObj(msg.message) ? msg.message : {};
    const content = Array.isArray(message.content) ? message.content : [];
    return content
      .map((c) => (isObj(c) ? (str(c.text) ?? '') : ''))
      .join('\n')
      .trim();
  }

  private toolResults(msg: Json): void {
    const message = isObj(msg.message) ? msg.message : {};
    if (!Array.isArray(message.content)) return;
    for (const item of message.content) {
      if (!isObj(item) || item.type !== 'tool_result' || item.is_error !== true) continue;
      const denied = deniedText(item.content);
      if (denied) this.outcome.permissionDenied ??= denied;
    }
  }

  private result(msg: Json): void {
    const o = this.outcome;
    const subtype = str(msg.subtype);
    const text = str(msg.result);
    const info: ResultInfo = {
      subtype,
      isError: msg.is_error === true,
      text,
      apiErrorStatus: num(msg.api_error_status),
    };
    o.result = info;
    o.sessionId = str(msg.session_id) ?? o.sessionId;
    o.sessionCostUsd = num(msg.total_cost_usd) ?? o.sessionCostUsd;
    o.numTurns = num(msg.num_turns) ?? o.numTurns;
    o.durationMs = num(msg.duration_ms) ?? o.durationMs;
    if (subtype === 'error_max_budget_usd' || msg.terminal_reason === 'budget_exhausted') {
      o.budgetExceeded = true;
    }
    if (info.isError && text && QUOTA_PATTERN.test(text)) this.limitText(text);
    else if (info.isError && info.apiErrorStatus === 429) this.limitText(text ?? '');
  }
}
