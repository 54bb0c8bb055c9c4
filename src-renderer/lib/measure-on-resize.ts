import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * A `measureElement` for long lists of rows of unknown height. The default
 * measures a row the moment it mounts, and every size it learns recomputes the
 * offsets of all rows after it: with 200,000 rows and a dozen new ones per
 * frame that was a 100–200 ms task per scroll step. Here a mounting row keeps
 * its known (or estimated) size and the real one arrives from the
 * ResizeObserver, which delivers a frame's rows in one batch: one recompute.
 */
export function measureOnResize<S extends Element, I extends Element>(
  element: I,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<S, I>,
): number {
  if (entry) {
    const box = entry.borderBoxSize?.[0];
    return Math.round(box ? box.blockSize : element.getBoundingClientRect().height);
  }
  const index = instance.indexFromElement(element);
  const key = instance.options.getItemKey(index);
  return instance.itemSizeCache.get(key) ?? instance.options.estimateSize(index);
}
