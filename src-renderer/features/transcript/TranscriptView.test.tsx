// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../../../src-shared/domain';
import { TID } from '../../testids';
import { makeEvent } from '../../test-support/fixtures';
import { mockLayout, setupFakeApi } from '../../test-support/setup';
import * as S from '../../test-support/stream-json';
import { EVENT_PAGE, useTranscript } from '../../stores/transcript-store';
import { TranscriptView } from './TranscriptView';

const LONG_OUTPUT = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');

function sample(): TranscriptEvent[] {
  const lines: [unknown, Partial<TranscriptEvent>?][] = [
    [S.INIT],
    [S.TEXT],
    [S.TOOL_USE],
    [S.TOOL_RESULT],
    [
      {
        type: 'user',
        message: {
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: LONG_OUTPUT }],
        },
      },
    ],
    [S.TOOL_ERROR],
    [S.API_RETRY],
    [{ type: 'future_thing', detail: 'something new' }],
    ['<not json>', { type: '_raw' }],
    [null, { type: '_oversize', length: 3_000_000, offset: 12345 }],
    [S.RESULT],
  ];
  return lines.map(([data, patch], seq) => makeEvent('e1', seq, data, patch));
}

describe('TranscriptView', () => {
  const fake = setupFakeApi();
  let restore: () => void;
  beforeAll(() => {
    restore = mockLayout({ width: 800, height: 3000 }, 40);
  });
  afterAll(() => restore());

  function serve(
    events: TranscriptEvent[] | ((afterSeq: number, limit: number) => TranscriptEvent[]),
    lastSeq: number,
  ) {
    fake.current.handle('executions.events', ({ afterSeq = -1, limit = 500 }) => ({
      events:
        typeof events === 'function'
          ? events(afterSeq, limit)
          : events.filter((e) => e.seq > afterSeq).slice(0, limit),
      lastSeq,
    }));
  }

  const byType = (type: string) =>
    screen.getAllByTestId(TID.transcriptEvent).filter((e) => e.dataset.type === type);

  it('renders each kind of event readably', async () => {
    serve(sample(), 10);
    render(<TranscriptView executionId="e1" live={false} />);
    await waitFor(() => expect(screen.getAllByTestId(TID.transcriptEvent)).toHaveLength(11));

    expect(byType('system')[0]!.textContent).toContain('Session started');
    // assistant text is Markdown
    expect(byType('assistant')[0]!.querySelector('strong')?.textContent).toBe('hello.txt');
    // tool call with its input
    const tool = byType('assistant')[1]!;
    expect(tool.textContent).toContain('Bash');
    expect(tool.textContent).toContain('$ echo hello > hello.txt');
    // a short result shows; it knows which tool it answers
    const [short, long, error] = byType('user');
    expect(short!.textContent).toContain('Result of Bash');
    expect(short!.textContent).toContain('committed');
    // a long result starts collapsed and opens on click
    expect(long!.textContent).not.toContain('line 29');
    fireEvent.click(within(long!).getByTestId(TID.toolResultToggle));
    expect(long!.textContent).toContain('line 29');
    fireEvent.click(within(long!).getByTestId(TID.toolResultToggle));
    expect(long!.textContent).not.toContain('line 29');
    // errors are marked and open
    expect(error!.querySelector('.ev-tool-result.is-error')).not.toBeNull();
    expect(error!.textContent).toContain('fatal: not a git repository');
    // retry, unknown, raw
    expect(byType('system')[1]!.textContent).toMatch(/API retry.*attempt 2 of 10.*HTTP 429/);
    expect(byType('future_thing')[0]!.textContent).toContain('something new');
    expect(byType('_raw')[0]!.textContent).toBe('<not json>');
    // the final result with cost, turns and duration
    const result = byType('result')[0]!;
    expect(result.textContent).toContain('$0.0075');
    expect(result.textContent).toContain('2 turns');
    expect(result.textContent).toContain('475 ms');
  });

  it('shows a placeholder for an event too large to ship, and reads its start on request', async () => {
    serve(sample(), 10);
    fake.current.handle('executions.readLog', (p) => ({
      data: '{"type":"assistant","message":',
      encoding: 'utf8',
      offset: p.offset ?? 0,
      nextOffset: (p.offset ?? 0) + 30,
      size: 10_000_000,
      eof: false,
    }));
    render(<TranscriptView executionId="e1" live={false} />);
    await waitFor(() => expect(byType('_oversize')).toHaveLength(1));
    const huge = byType('_oversize')[0]!;
    expect(huge.textContent).toContain('Large event (2.9 MB)');
    await act(async () => {
      fireEvent.click(within(huge).getByTestId(TID.transcriptOversizeLoad));
    });
    expect(fake.current.calls('executions.readLog')).toEqual([
      { executionId: 'e1', stream: 'stdout', offset: 12345, limit: 65536 },
    ]);
    expect(huge.textContent).toContain('{"type":"assistant","message":');
  });

  it('opens a 100,000-event execution rendering a window and loading only the pages shown', async () => {
    const N = 100_000;
    serve(
      (afterSeq, limit) =>
        Array.from({ length: Math.max(0, Math.min(limit, N - 1 - afterSeq)) }, (_, i) =>
          makeEvent('big', afterSeq + 1 + i, {
            type: 'assistant',
            message: { content: [{ type: 'text', text: `event ${afterSeq + 1 + i}` }] },
          }),
        ),
      N - 1,
    );
    render(<TranscriptView executionId="big" live />);
    await waitFor(() => expect(screen.getByTestId(TID.transcript).dataset.count).toBe(String(N)));
    const scroller = screen.getByTestId(TID.transcript);
    // It follows the tail: at the end, the last page is what loads.
    await act(async () => {
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(scroller.textContent).toContain(`event ${N - 1}`));
    const rendered = screen.getAllByTestId(TID.transcriptEvent).length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    const pages = fake.current.calls('executions.events').map((c) => c.afterSeq);
    expect(pages).toContain(-1);
    expect(pages).toContain(Math.floor((N - 1) / EVENT_PAGE) * EVENT_PAGE - 1);
    expect(pages.length).toBeLessThan(6);
  });

  it('appends live events of its execution', async () => {
    serve(sample().slice(0, 2), 1);
    render(<TranscriptView executionId="e1" live />);
    await waitFor(() => expect(screen.getAllByTestId(TID.transcriptEvent)).toHaveLength(2));
    act(() => {
      useTranscript.getState().appendLive([makeEvent('e1', 2, S.RESULT)]);
      useTranscript.getState().appendLive([makeEvent('other', 3, S.RESULT)]);
    });
    expect(screen.getAllByTestId(TID.transcriptEvent)).toHaveLength(3);
    expect(byType('result')).toHaveLength(1);
  });

  it('says so when the transcript cannot be read', async () => {
    fake.current.handle('executions.events', () => {
      throw new Error('execution e1 not found');
    });
    render(<TranscriptView executionId="e1" live={false} />);
    expect((await screen.findByRole('alert')).textContent).toContain('execution e1 not found');
  });
});
