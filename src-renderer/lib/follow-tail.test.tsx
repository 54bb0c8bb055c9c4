// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import {
  afterScroll,
  afterUserScrollUp,
  initialFollow,
  isAtBottom,
  jumpToLive,
  shouldScrollToEnd,
} from './follow-tail';
import { useFollowTail } from './use-follow-tail';

const m = (scrollTop: number, scrollHeight = 1000, clientHeight = 200) => ({
  scrollTop,
  scrollHeight,
  clientHeight,
});

describe('follow-tail rules', () => {
  it('at the end means within the slack of the bottom', () => {
    expect(isAtBottom(m(800))).toBe(true);
    expect(isAtBottom(m(780))).toBe(true);
    expect(isAtBottom(m(700))).toBe(false);
    expect(isAtBottom(m(0, 100, 200))).toBe(true); // nothing to scroll
  });

  it('scrolling up stops following; reaching the end again resumes', () => {
    let s = afterScroll(initialFollow, m(800));
    expect(s.following).toBe(true);
    s = afterScroll(s, m(500));
    expect(s.following).toBe(false);
    expect(shouldScrollToEnd(s)).toBe(false);
    s = afterScroll(s, m(600)); // down, not at the end: still reading
    expect(s.following).toBe(false);
    s = afterScroll(s, m(800));
    expect(s.following).toBe(true);
  });

  it('content growing below while following is not "scrolling up"', () => {
    let s = afterScroll(initialFollow, m(800, 1000));
    // new content arrived: not at the end any more, but scrollTop did not go down
    s = afterScroll(s, m(800, 2000));
    expect(s.following).toBe(true);
    expect(shouldScrollToEnd(s)).toBe(true);
  });

  it('a wheel up stops following even when nothing can scroll; jump resumes', () => {
    const s = afterUserScrollUp(initialFollow);
    expect(s.following).toBe(false);
    expect(jumpToLive(s).following).toBe(true);
  });
});

function Scroller({ height }: { height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const f = useFollowTail(ref);
  return (
    <div>
      <div ref={ref} data-testid="scroller" onScroll={f.onScroll} onWheel={f.onWheel}>
        <div style={{ height }} />
      </div>
      <span data-testid="state">{f.following ? 'following' : 'reading'}</span>
      {!f.following && <button onClick={f.jump}>jump</button>}
    </div>
  );
}

describe('useFollowTail', () => {
  afterEach(cleanup);

  function fakeBox(el: HTMLElement, scrollHeight: () => number) {
    Object.defineProperty(el, 'clientHeight', { configurable: true, value: 200 });
    Object.defineProperty(el, 'scrollHeight', { configurable: true, get: scrollHeight });
  }

  it('keeps the view at the end as content grows, until the user scrolls up', () => {
    let contentHeight = 1000;
    const { rerender } = render(<Scroller height={1000} />);
    const el = screen.getByTestId('scroller');
    fakeBox(el, () => contentHeight);
    contentHeight = 1500;
    rerender(<Scroller height={1500} />);
    expect(el.scrollTop).toBe(1500);
    fireEvent.scroll(el);
    expect(screen.getByTestId('state').textContent).toBe('following');

    // the user scrolls up
    act(() => {
      el.scrollTop = 600;
      fireEvent.scroll(el);
    });
    expect(screen.getByTestId('state').textContent).toBe('reading');
    contentHeight = 3000;
    rerender(<Scroller height={3000} />);
    expect(el.scrollTop).toBe(600);

    // jump to live
    fireEvent.click(screen.getByText('jump'));
    expect(el.scrollTop).toBe(3000);
    expect(screen.getByTestId('state').textContent).toBe('following');
    contentHeight = 4000;
    rerender(<Scroller height={4000} />);
    expect(el.scrollTop).toBe(4000);
  });

  it('a wheel up stops following', () => {
    render(<Scroller height={100} />);
    fireEvent.wheel(screen.getByTestId('scroller'), { deltaY: -40 });
    expect(screen.getByTestId('state').textContent).toBe('reading');
  });
});
