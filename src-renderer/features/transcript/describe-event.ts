import type { TranscriptEvent } from '../../../src-shared/domain';

// Turns one stream-json line into what the transcript shows. Every field is
// checked: a line of an unknown or changed shape becomes a compact "unknown"
// item instead of an exception.

export type AssistantBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; text: string }
  | { type: 'other'; blockType: string; preview: string };

export type UserBlock =
  | { type: 'tool_result'; toolUseId: string; content: string; isError: boolean; images: number }
  | { type: 'text'; text: string }
  | { type: 'other'; blockType: string; preview: string };

export type TranscriptItem =
  | { kind: 'init'; model: string | null; cwd: string | null; tools: number | null }
  | {
      kind: 'assistant';
      blocks: AssistantBlock[];
      error: string | null;
      synthetic: boolean;
    }
  | { kind: 'user'; blocks: UserBlock[] }
  | {
      kind: 'result';
      isError: boolean;
      subtype: string | null;
      costUsd: number | null;
      turns: number | null;
      durationMs: number | null;
      text: string | null;
    }
  | {
      kind: 'api_retry';
      attempt: number | null;
      maxRetries: number | null;
      status: number | null;
      error: string | null;
      delayMs: number | null;
    }
  | { kind: 'rate_limit'; status: string | null; resetsAt: number | null; limitType: string | null }
  | { kind: 'system'; subtype: string | null; preview: string }
  | { kind: 'raw'; text: string }
  | { kind: 'oversize'; length: number }
  | { kind: 'unknown'; type: string; subtype: string | null; preview: string; detail: string };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const PREVIEW_CHARS = 300;

/** A short one-line JSON rendering of anything. */
export function preview(v: unknown, max = PREVIEW_CHARS): string {
  let text: string;
  try {
    text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    text = String(v);
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const DETAIL_CHARS = 20_000;

/** Indented JSON for an expanded view, capped. */
function pretty(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS)}\n…` : text;
}

function withoutNoise(o: Obj): Obj {
  const rest: Obj = { ...o };
  for (const k of ['type', 'subtype', 'uuid', 'session_id', 'parent_tool_use_id']) delete rest[k];
  return rest;
}

function toolResultText(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content))
    return { text: content == null ? '' : preview(content, 10_000), images: 0 };
  let images = 0;
  const parts: string[] = [];
  for (const b of content) {
    if (isObj(b) && b.type === 'text' && typeof b.text === 'string') parts.push(b.text);
    else if (isObj(b) && b.type === 'image') images++;
    else parts.push(preview(b, 2000));
  }
  return { text: parts.join('\n'), images };
}

function assistantBlocks(content: unknown): AssistantBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((b): AssistantBlock => {
    if (!isObj(b)) return { type: 'other', blockType: typeof b, preview: preview(b) };
    if (b.type === 'text') return { type: 'text', text: str(b.text) ?? '' };
    if (b.type === 'tool_use' || b.type === 'server_tool_use') {
      return {
        type: 'tool_use',
        id: str(b.id) ?? '',
        name: str(b.name) ?? 'tool',
        input: b.input,
      };
    }
    if (b.type === 'thinking') return { type: 'thinking', text: str(b.thinking) ?? '' };
    if (b.type === 'redacted_thinking') return { type: 'thinking', text: '(redacted)' };
    return { type: 'other', blockType: str(b.type) ?? 'block', preview: preview(withoutNoise(b)) };
  });
}

function userBlocks(content: unknown): UserBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((b): UserBlock => {
    if (!isObj(b)) return { type: 'other', blockType: typeof b, preview: preview(b) };
    if (b.type === 'tool_result') {
      const { text, images } = toolResultText(b.content);
      return {
        type: 'tool_result',
        toolUseId: str(b.tool_use_id) ?? '',
        content: text,
        isError: b.is_error === true,
        images,
      };
    }
    if (b.type === 'text') return { type: 'text', text: str(b.text) ?? '' };
    return { type: 'other', blockType: str(b.type) ?? 'block', preview: preview(withoutNoise(b)) };
  });
}

export function describeEvent(e: TranscriptEvent): TranscriptItem {
  const d = e.data;
  if (d === null || d === undefined) {
    if (e.type === '_raw' && e.length === 0) return { kind: 'raw', text: '' };
    return { kind: 'oversize', length: e.length };
  }
  if (e.type === '_raw' || typeof d === 'string') {
    return { kind: 'raw', text: typeof d === 'string' ? d : preview(d) };
  }
  if (!isObj(d)) {
    return {
      kind: 'unknown',
      type: e.type,
      subtype: e.subtype,
      preview: preview(d),
      detail: pretty(d),
    };
  }

  switch (e.type) {
    case 'system': {
      const subtype = str(d.subtype);
      if (subtype === 'init') {
        return {
          kind: 'init',
          model: str(d.model),
          cwd: str(d.cwd),
          tools: Array.isArray(d.tools) ? d.tools.length : null,
        };
      }
      if (subtype === 'api_retry') {
        return {
          kind: 'api_retry',
          attempt: num(d.attempt),
          maxRetries: num(d.max_retries),
          status: num(d.error_status),
          error: str(d.error),
          delayMs: num(d.retry_delay_ms),
        };
      }
      return { kind: 'system', subtype, preview: preview(withoutNoise(d)) };
    }
    case 'assistant': {
      const message = isObj(d.message) ? d.message : {};
      return {
        kind: 'assistant',
        blocks: assistantBlocks(message.content),
        error: str(d.error),
        synthetic: message.model === '<synthetic>',
      };
    }
    case 'user': {
      const message = isObj(d.message) ? d.message : {};
      return { kind: 'user', blocks: userBlocks(message.content) };
    }
    case 'result': {
      const errors = Array.isArray(d.errors) ? d.errors.filter((x) => typeof x === 'string') : [];
      return {
        kind: 'result',
        isError: d.is_error === true,
        subtype: str(d.subtype),
        costUsd: num(d.total_cost_usd) ?? num(d.cost_usd),
        turns: num(d.num_turns),
        durationMs: num(d.duration_ms),
        text: str(d.result) ?? (errors.length > 0 ? errors.join('\n') : null),
      };
    }
    case 'rate_limit_event': {
      const info = isObj(d.rate_limit_info) ? d.rate_limit_info : {};
      return {
        kind: 'rate_limit',
        status: str(info.status),
        resetsAt: num(info.resetsAt),
        limitType: str(info.rateLimitType),
      };
    }
    default:
      return {
        kind: 'unknown',
        type: e.type,
        subtype: e.subtype,
        preview: preview(withoutNoise(d)),
        detail: pretty(d),
      };
  }
}
