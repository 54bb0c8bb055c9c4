import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { measureOnResize } from '../../lib/measure-on-resize';
import { useFollowTail } from '../../lib/use-follow-tail';
import { useScrollAnchor } from '../../lib/use-scroll-anchor';
import { TID } from '../../testids';
import { eventAt, useTranscript } from '../../stores/transcript-store';
import { ErrorNote } from '../common/ErrorNote';
import { TranscriptRow } from './TranscriptRow';
import './transcript.css';

const ESTIMATED_ROW_PX = 64;

/**
 * The execution's stream-json as a readable transcript. Only rows in view are
 * rendered and only their pages are loaded, so 100,000 events open at once;
 * it follows new events until the user scrolls up.
 */
export function TranscriptView({ executionId, live }: { executionId: string; live: boolean }) {
  const open = useTranscript((s) => s.open);
  const shownId = useTranscript((s) => s.executionId);
  const pages = useTranscript((s) => s.pages);
  const count = useTranscript((s) => s.count);
  const loaded = useTranscript((s) => s.loaded);
  const error = useTranscript((s) => s.error);
  const toolNames = useTranscript((s) => s.toolNames);
  const toolNamesVersion = useTranscript((s) => s.toolNamesVersion);
  const ensureRange = useTranscript((s) => s.ensureRange);
  const resync = useTranscript((s) => s.resync);
  const scrollRef = useRef<HTMLDivElement>(null);
  const follow = useFollowTail(scrollRef);
  const followingRef = useRef(follow.following);
  followingRef.current = follow.following;
  const anchor = useScrollAnchor<HTMLDivElement, Element>(
    scrollRef,
    useCallback(() => followingRef.current, []),
  );
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});

  useEffect(() => {
    open(executionId);
    return () => open(null);
  }, [executionId, open]);

  const ready = shownId === executionId;
  const total = ready ? count : 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    measureElement: measureOnResize,
    onChange: anchor.onChange,
    overscan: 6,
  });
  anchor.attach(virtualizer);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) ensureRange(first, last);
  }, [first, last, pages, total, ensureRange]);

  const onToggle = useCallback((key: string, isOpen: boolean) => {
    setExpanded((s) => ({ ...s, [key]: isOpen }));
  }, []);

  return (
    <div className="transcript-wrap">
      {error && <ErrorNote message={`Could not load the transcript: ${error}`} onRetry={resync} />}
      <div
        ref={scrollRef}
        className="transcript"
        tabIndex={0}
        onScroll={() => {
          follow.onScroll();
          anchor.onScroll();
        }}
        onWheel={follow.onWheel}
        onKeyDown={follow.onKeyDown}
        data-testid={TID.transcript}
        data-execution-id={executionId}
        data-count={total}
        data-following={follow.following}
        data-virtual-scroller=""
      >
        {ready && loaded && total === 0 && (
          <div className="transcript-empty muted">
            {live ? 'Waiting for the agent’s first output…' : 'This execution printed nothing.'}
          </div>
        )}
        {!ready || !loaded ? (
          <div className="transcript-empty muted">Loading transcript…</div>
        ) : null}
        <div className="transcript-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const event = eventAt(pages, item.index);
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="transcript-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {event ? (
                  <TranscriptRow
                    event={event}
                    toolNames={toolNames}
                    toolNamesVersion={toolNamesVersion}
                    expanded={expanded}
                    onToggle={onToggle}
                  />
                ) : (
                  <div className="ev ev-placeholder" data-testid={TID.transcriptPlaceholder}>
                    <span className="placeholder-bar" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {!follow.following && total > 0 && (
        <button
          className="jump-to-live btn btn-primary btn-small"
          onClick={follow.jump}
          data-testid={TID.jumpToLive}
        >
          ↓ {live ? 'Jump to live' : 'Jump to end'}
        </button>
      )}
    </div>
  );
}
