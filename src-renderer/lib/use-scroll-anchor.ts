import { useCallback, useRef, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

interface Anchor {
  index: number;
  /** Where the row started relative to the top of the view. */
  offset: number;
}

/**
 * Keeps the first row in view where it is while rows above it learn their
 * real height. The virtualizer can do this per row, but each correction makes
 * it recompute every row's offset on the spot: with 200,000 rows and a dozen
 * rows measured per frame that is a 100–200 ms frame. Here the rows are
 * measured in one batch and the view is corrected once, after it.
 *
 * Call `attach` with the virtualizer as soon as it exists (before it measures
 * anything), wire `onScroll` to the scroller and `onChange` to the virtualizer;
 * `paused` (while following the tail) leaves the scroll position to its owner.
 */
export function useScrollAnchor<S extends HTMLElement, I extends Element>(
  scrollRef: RefObject<S | null>,
  paused: () => boolean,
) {
  const anchor = useRef<Anchor | null>(null);
  const virtualizerRef = useRef<Virtualizer<S, I> | null>(null);

  const capture = useCallback(() => {
    const el = scrollRef.current;
    const v = virtualizerRef.current;
    if (!el || !v) return;
    const item = v.getVirtualItemForOffset(el.scrollTop);
    anchor.current = item ? { index: item.index, offset: item.start - el.scrollTop } : null;
  }, [scrollRef]);

  const attach = useCallback((v: Virtualizer<S, I>) => {
    if (virtualizerRef.current === v) return;
    virtualizerRef.current = v;
    v.shouldAdjustScrollPositionOnItemSizeChange = () => false;
  }, []);

  const onChange = useCallback(
    (v: Virtualizer<S, I>) => {
      attach(v);
      const el = scrollRef.current;
      const a = anchor.current;
      if (!el || !a || paused()) return;
      v.getVirtualItems(); // brings the offsets up to date (one pass for the whole batch)
      const start = v.measurementsCache[a.index]?.start;
      if (start === undefined) return;
      const target = Math.round(start - a.offset);
      if (Math.abs(target - el.scrollTop) >= 1) el.scrollTop = target;
    },
    [scrollRef, paused, attach],
  );

  return { attach, onScroll: capture, onChange };
}
