import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
  type WheelEvent,
} from 'react';
import {
  afterScroll,
  afterUserScrollUp,
  initialFollow,
  isAtBottom,
  jumpToLive,
  shouldScrollToEnd,
  type FollowState,
} from './follow-tail';

function metrics(el: HTMLElement) {
  return { scrollTop: el.scrollTop, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight };
}

const UP_KEYS = ['ArrowUp', 'PageUp', 'Home'];

/**
 * Keeps a scroller at its end while following; the user scrolling up stops
 * that, scrolling back to the end (or `jump`) resumes it. After every render
 * of the owner, a following scroller is moved to its end.
 */
export function useFollowTail(scrollRef: RefObject<HTMLElement | null>, enabled = true) {
  const stateRef = useRef<FollowState>(initialFollow);
  const [following, setFollowing] = useState(true);

  const update = useCallback((next: FollowState) => {
    stateRef.current = next;
    setFollowing(next.following);
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el) update(afterScroll(stateRef.current, metrics(el)));
  }, [scrollRef, update]);

  const onWheel = useCallback(
    (e: WheelEvent) => {
      if (e.deltaY < 0) update(afterUserScrollUp(stateRef.current));
    },
    [update],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (UP_KEYS.includes(e.key)) update(afterUserScrollUp(stateRef.current));
    },
    [update],
  );

  const jump = useCallback(() => {
    update(jumpToLive(stateRef.current));
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [scrollRef, update]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (enabled && el && shouldScrollToEnd(stateRef.current) && !isAtBottom(metrics(el), 1)) {
      el.scrollTop = el.scrollHeight;
    }
  });

  return { following, onScroll, onWheel, onKeyDown, jump };
}
