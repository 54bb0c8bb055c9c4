import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { useFollowTail } from '../../lib/use-follow-tail';
import './line-view.css';

export const LINE_HEIGHT = 18;

interface LineViewProps {
  lines: readonly string[];
  renderLine: (line: string, index: number) => ReactNode;
  /** Keep to the end as lines arrive (logs); diffs start at the top. */
  followTail: boolean;
  testId: string;
  attrs?: Record<string, string | number>;
  header?: ReactNode;
  jumpLabel?: string;
  jumpTestId?: string;
}

/** Lines of monospace text, one fixed height each, only those in view rendered. */
export function LineView({
  lines,
  renderLine,
  followTail,
  testId,
  attrs,
  header,
  jumpLabel = 'Jump to end',
  jumpTestId,
}: LineViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const follow = useFollowTail(scrollRef, followTail);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  const gutter = String(lines.length).length;

  return (
    <div className="line-view-wrap">
      <div
        ref={scrollRef}
        className="line-view"
        tabIndex={0}
        onScroll={followTail ? follow.onScroll : undefined}
        onWheel={followTail ? follow.onWheel : undefined}
        onKeyDown={followTail ? follow.onKeyDown : undefined}
        data-testid={testId}
        data-virtual-scroller=""
        {...attrs}
      >
        {header}
        <div className="line-view-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.index}
              className="line"
              style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}
            >
              <span className="line-no" style={{ width: `${gutter + 1}ch` }}>
                {item.index + 1}
              </span>
              {renderLine(lines[item.index] ?? '', item.index)}
            </div>
          ))}
        </div>
      </div>
      {followTail && !follow.following && lines.length > 1 && (
        <button
          className="jump-to-live btn btn-primary btn-small"
          onClick={follow.jump}
          data-testid={jumpTestId}
        >
          ↓ {jumpLabel}
        </button>
      )}
    </div>
  );
}
