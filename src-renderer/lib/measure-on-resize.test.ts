// @vitest-environment jsdom
import type { Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import { measureOnResize } from './measure-on-resize';

const instance = {
  indexFromElement: (el: Element) => Number((el as HTMLElement).dataset.index),
  options: { getItemKey: (i: number) => `k${i}`, estimateSize: () => 64 },
  itemSizeCache: new Map([['k1', 120]]),
} as unknown as Virtualizer<HTMLDivElement, Element>;

function row(index: number): HTMLElement {
  const el = document.createElement('div');
  el.dataset.index = String(index);
  return el;
}

describe('measureOnResize', () => {
  it('gives a mounting row its known size, or the estimate: no measurement, no recompute', () => {
    expect(measureOnResize(row(1), undefined, instance)).toBe(120);
    expect(measureOnResize(row(2), undefined, instance)).toBe(64);
  });

  it('takes the real size from the ResizeObserver entry', () => {
    const entry = { borderBoxSize: [{ blockSize: 87.6, inlineSize: 500 }] };
    expect(measureOnResize(row(2), entry as unknown as ResizeObserverEntry, instance)).toBe(88);
  });
});
