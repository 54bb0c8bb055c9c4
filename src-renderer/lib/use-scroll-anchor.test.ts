// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import { useScrollAnchor } from './use-scroll-anchor';

/** Rows of given heights, the parts of a virtualizer the anchor reads. */
function fakeVirtualizer(heights: number[]) {
  const layout = () => {
    let start = 0;
    return heights.map((size, index) => {
      const item = { index, start, size, end: start + size, key: index, lane: 0 };
      start += size;
      return item;
    });
  };
  const v = {
    measurementsCache: layout(),
    shouldAdjustScrollPositionOnItemSizeChange: undefined as unknown,
    getVirtualItems() {
      v.measurementsCache = layout();
      return v.measurementsCache;
    },
    getVirtualItemForOffset(offset: number) {
      return v.measurementsCache.find((m) => m.end > offset);
    },
  };
  return v;
}

function setup(paused = false) {
  const el = document.createElement('div');
  let top = 0;
  Object.defineProperty(el, 'scrollTop', {
    get: () => top,
    set: (value: number) => (top = value),
  });
  const heights = Array.from({ length: 100 }, () => 50);
  const fake = fakeVirtualizer(heights);
  const v = fake as unknown as Virtualizer<HTMLDivElement, Element>;
  const { result } = renderHook(() =>
    useScrollAnchor<HTMLDivElement, Element>({ current: el }, () => paused),
  );
  result.current.onChange(v);
  return { el, heights, fake, v, anchor: result.current };
}

describe('useScrollAnchor', () => {
  it('takes over the per-row scroll correction from the virtualizer', () => {
    const { fake } = setup();
    expect(typeof fake.shouldAdjustScrollPositionOnItemSizeChange).toBe('function');
    expect((fake.shouldAdjustScrollPositionOnItemSizeChange as () => boolean)()).toBe(false);
  });

  it('keeps the first row in view where it was when rows above it grow or shrink', () => {
    const { el, heights, v, anchor } = setup();
    el.scrollTop = 1020; // row 20 starts at 1000: 20 px of it are above the fold
    anchor.onScroll();
    heights[3] = 250; // +200 above
    heights[19] = 10; // -40 above
    heights[25] = 500; // below: no effect on what is in view
    anchor.onChange(v);
    expect(el.scrollTop).toBe(1020 + 200 - 40);
    // A second notification with nothing new changes nothing.
    anchor.onChange(v);
    expect(el.scrollTop).toBe(1180);
  });

  it('leaves the position alone while paused (following the tail) or before any scroll', () => {
    const paused = setup(true);
    paused.el.scrollTop = 500;
    paused.anchor.onScroll();
    paused.heights[0] = 400;
    paused.anchor.onChange(paused.v);
    expect(paused.el.scrollTop).toBe(500);

    const fresh = setup();
    fresh.heights[0] = 400;
    fresh.anchor.onChange(fresh.v);
    expect(fresh.el.scrollTop).toBe(0);
  });
});
