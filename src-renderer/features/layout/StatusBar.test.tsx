// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TID } from '../../testids';
import { makeQueue, makeTask } from '../../test-support/fixtures';
import { setupFakeApi } from '../../test-support/setup';
import { useQueue } from '../../stores/queue-store';
import { StatusBar } from './StatusBar';

describe('StatusBar', () => {
  setupFakeApi();

  it('shows running, queued and blocked counts', () => {
    useQueue.setState({
      queue: makeQueue({ running: 2, queued: 5, blocked: 1, maxConcurrency: 3 }),
    });
    render(<StatusBar />);
    expect(screen.getByTestId(TID.statusRunning).dataset.count).toBe('2');
    expect(screen.getByTestId(TID.statusRunning).textContent).toContain('2 running');
    expect(screen.getByTestId(TID.statusRunning).textContent).toContain('/ 3');
    expect(screen.getByTestId(TID.statusQueued).textContent).toBe('5 queued');
    expect(screen.getByTestId(TID.statusBlocked).textContent).toBe('1 blocked');
    expect(screen.getByTestId(TID.statusBlocked).className).toContain('is-blocked');
    expect(screen.queryByTestId(TID.statusRateLimit)).toBeNull();
    expect(screen.queryByTestId(TID.statusPaused)).toBeNull();
  });

  it('counts down to the soonest rate-limit retry', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    useQueue.setState({ queue: makeQueue({ rateLimited: 2 }) });
    useQueue
      .getState()
      .applyTask(makeTask({ id: 'a', state: 'RATE_LIMITED', retryAt: '2026-01-01T00:01:05Z' }));
    useQueue
      .getState()
      .applyTask(makeTask({ id: 'b', state: 'RATE_LIMITED', retryAt: '2026-01-01T00:00:10Z' }));
    render(<StatusBar />);
    const countdown = () => screen.getByTestId(TID.statusRateLimit).textContent;
    expect(countdown()).toContain('retry in 0:10');
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(countdown()).toContain('retry in 0:07');
    // b retried: the countdown moves to a
    act(() => {
      useQueue.getState().applyTask(makeTask({ id: 'b', state: 'RUNNING' }));
    });
    expect(countdown()).toContain('retry in 1:02');
    act(() => {
      useQueue.getState().applyTask(makeTask({ id: 'a', state: 'RUNNING' }));
    });
    expect(screen.queryByTestId(TID.statusRateLimit)).toBeNull();
  });

  it('shows the reset time while the queue is paused for quota', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const until = '2026-01-01T10:30:00Z';
    useQueue.setState({
      queue: makeQueue({ pausedUntil: until, pauseReason: 'usage limit reached' }),
    });
    render(<StatusBar />);
    const paused = screen.getByTestId(TID.statusPaused).textContent!;
    expect(paused).toContain(new Date(until).toLocaleTimeString());
    expect(paused).toContain('30:00');
    expect(paused).toContain('usage limit reached');
    act(() => {
      vi.advanceTimersByTime(31 * 60_000);
    });
    expect(screen.queryByTestId(TID.statusPaused)).toBeNull();
  });
});
