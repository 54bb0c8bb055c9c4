// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TID } from '../../testids';
import { makeQueue, makeTask } from '../../test-support/fixtures';
import { FakeApiError } from '../../test-support/fake-api';
import { setupFakeApi } from '../../test-support/setup';
import { useBlocked } from '../../stores/blocked-store';
import { startSync } from '../../sync/start-sync';
import { StatusBar } from '../layout/StatusBar';
import { BlockedModal } from './BlockedModal';

const colour = makeTask({ id: 'b1', name: 'Paint', state: 'BLOCKED' });
const size = makeTask({ id: 'b2', name: 'Resize', state: 'BLOCKED' });

describe('BlockedModal', () => {
  const fake = setupFakeApi();

  function blockBoth() {
    startSync(fake.current.api);
    render(<BlockedModal />);
    act(() => {
      fake.current.emit('task.blocked', {
        task: colour,
        question: { text: 'Which colour?', options: ['red', 'blue'] },
      });
      fake.current.emit('task.blocked', {
        task: size,
        question: { text: 'How big?', options: [] },
      });
    });
  }

  it('asks the blocked questions one after another', async () => {
    fake.current.handle('tasks.answer', ({ id }) => ({
      ...(id === 'b1' ? colour : size),
      state: 'QUEUED',
    }));
    blockBoth();
    const modal = screen.getByTestId(TID.blockedModal);
    expect(modal.dataset.taskId).toBe('b1');
    expect(modal.dataset.queue).toBe('2');
    expect(screen.getByTestId(TID.blockedQuestion).textContent).toBe('Which colour?');
    expect(screen.getAllByTestId(TID.blockedOption).map((b) => b.textContent)).toEqual([
      'red',
      'blue',
    ]);

    await act(async () => {
      fireEvent.click(screen.getAllByTestId(TID.blockedOption)[1]!);
    });
    expect(fake.current.calls('tasks.answer')).toEqual([{ id: 'b1', answer: 'blue' }]);

    // then the next one, with a free-text answer
    await waitFor(() => expect(screen.getByTestId(TID.blockedModal).dataset.taskId).toBe('b2'));
    expect(screen.getByTestId(TID.blockedQuestion).textContent).toBe('How big?');
    expect(screen.queryAllByTestId(TID.blockedOption)).toHaveLength(0);
    fireEvent.change(screen.getByTestId(TID.blockedAnswerInput), {
      target: { value: '  twice as big ' },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.blockedSubmit));
    });
    expect(fake.current.calls('tasks.answer')[1]).toEqual({ id: 'b2', answer: '  twice as big ' });
    await waitFor(() => expect(screen.queryByTestId(TID.blockedModal)).toBeNull());
  });

  it('dismissing leaves the task blocked and shows the next question', () => {
    blockBoth();
    fireEvent.click(screen.getByTestId(TID.blockedDismiss));
    expect(fake.current.calls('tasks.answer')).toEqual([]);
    expect(screen.getByTestId(TID.blockedModal).dataset.taskId).toBe('b2');
    fireEvent.keyDown(screen.getByTestId(TID.blockedAnswerInput), { key: 'Escape' });
    expect(screen.queryByTestId(TID.blockedModal)).toBeNull();
    expect(fake.current.requests.some((r) => r.channel === 'tasks.cancel')).toBe(false);
  });

  it('Ctrl+Enter sends the free text; an empty answer is refused here', async () => {
    fake.current.handle('tasks.answer', () => ({ ...size, state: 'QUEUED' }));
    blockBoth();
    fireEvent.click(screen.getByTestId(TID.blockedDismiss));
    const input = screen.getByTestId(TID.blockedAnswerInput);
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    expect(screen.getByTestId(TID.blockedError).textContent).toContain('Write an answer');
    fireEvent.change(input, { target: { value: 'small' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    });
    expect(fake.current.calls('tasks.answer')).toEqual([{ id: 'b2', answer: 'small' }]);
  });

  it('shows the server error and keeps the question', async () => {
    fake.current.handle('tasks.answer', () => {
      throw new FakeApiError('conflict', 'task is CANCELLED, not BLOCKED');
    });
    blockBoth();
    await act(async () => {
      fireEvent.click(screen.getAllByTestId(TID.blockedOption)[0]!);
    });
    expect(screen.getByTestId(TID.blockedError).textContent).toBe('task is CANCELLED, not BLOCKED');
    expect(screen.getByTestId(TID.blockedModal).dataset.taskId).toBe('b1');
  });

  it('a question answered elsewhere leaves the line', () => {
    blockBoth();
    act(() => fake.current.emit('task.updated', { ...colour, state: 'QUEUED' }));
    expect(screen.getByTestId(TID.blockedModal).dataset.taskId).toBe('b2');
  });

  it('the status bar opens every blocked question on demand', async () => {
    fake.current.handle('queue.state', () => makeQueue({ blocked: 2 }));
    fake.current.handle('tasks.list', (q) =>
      q.state === 'BLOCKED'
        ? {
            tasks: [
              { ...size, question: { text: 'How big?', options: [] } },
              { ...colour, question: { text: 'Which colour?', options: ['red'] } },
            ],
            total: 2,
          }
        : { tasks: [], total: 0 },
    );
    startSync(fake.current.api);
    render(
      <>
        <StatusBar />
        <BlockedModal />
      </>,
    );
    const button = await screen.findByTestId(TID.statusBlocked);
    await waitFor(() => expect(button.dataset.count).toBe('2'));
    await act(async () => {
      fireEvent.click(button);
    });
    // oldest first
    expect(screen.getByTestId(TID.blockedModal).dataset.taskId).toBe('b1');
    expect(useBlocked.getState().queue.map((q) => q.task.id)).toEqual(['b1', 'b2']);
  });
});
