// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../test-support/fixtures';
import * as S from '../../test-support/stream-json';
import { describeEvent } from './describe-event';

const d = (data: unknown, patch = {}) => describeEvent(makeEvent('e', 0, data, patch));

describe('describeEvent', () => {
  it('reads the stream-json shapes claude prints', () => {
    expect(d(S.INIT)).toEqual({
      kind: 'init',
      model: 'claude-sonnet-4-5',
      cwd: '/home/user/project',
      tools: 3,
    });
    expect(d(S.TEXT)).toMatchObject({
      kind: 'assistant',
      blocks: [{ type: 'text', text: 'Done: added **hello.txt**' }],
    });
    expect(d(S.TOOL_USE)).toMatchObject({
      kind: 'assistant',
      blocks: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash' }],
    });
    expect(d(S.TOOL_RESULT)).toEqual({
      kind: 'user',
      blocks: [
        {
          type: 'tool_result',
          toolUseId: 'toolu_1',
          content: 'committed',
          isError: false,
          images: 0,
        },
      ],
    });
    expect(d(S.TOOL_ERROR)).toMatchObject({
      blocks: [{ type: 'tool_result', content: 'fatal: not a git repository', isError: true }],
    });
    expect(d(S.API_RETRY)).toEqual({
      kind: 'api_retry',
      attempt: 2,
      maxRetries: 10,
      status: 429,
      error: 'rate_limit',
      delayMs: 1117,
    });
    expect(d(S.RATE_LIMITED_ASSISTANT)).toMatchObject({
      kind: 'assistant',
      error: 'rate_limit',
      synthetic: true,
    });
    expect(d(S.RESULT)).toEqual({
      kind: 'result',
      isError: false,
      subtype: 'success',
      costUsd: 0.0075,
      turns: 2,
      durationMs: 475,
      text: 'Done: added hello.txt',
    });
    expect(d(S.RESULT_ERROR)).toMatchObject({ kind: 'result', isError: true });
  });

  it('never throws on odd shapes', () => {
    expect(d({ type: 'assistant', message: 'nope' })).toEqual({
      kind: 'assistant',
      blocks: [],
      error: null,
      synthetic: false,
    });
    expect(d({ type: 'user' })).toEqual({ kind: 'user', blocks: [] });
    expect(d({ type: 'result', total_cost_usd: 'x' })).toMatchObject({
      kind: 'result',
      costUsd: null,
    });
    expect(d({ type: 'brand_new', a: 1 })).toMatchObject({
      kind: 'unknown',
      type: 'brand_new',
      preview: '{"a":1}',
    });
    expect(d([1, 2], { type: '_untyped' })).toMatchObject({ kind: 'unknown' });
    expect(d({ type: 'assistant', message: { content: [null, 5, { type: 'image' }] } }).kind).toBe(
      'assistant',
    );
  });

  it('non-JSON lines and events too large to ship', () => {
    expect(d('plain text line', { type: '_raw' })).toEqual({
      kind: 'raw',
      text: 'plain text line',
    });
    expect(d(null, { type: '_oversize', length: 5_000_000 })).toEqual({
      kind: 'oversize',
      length: 5_000_000,
    });
    expect(d(null, { type: 'assistant', length: 400_000 })).toEqual({
      kind: 'oversize',
      length: 400_000,
    });
  });
});
