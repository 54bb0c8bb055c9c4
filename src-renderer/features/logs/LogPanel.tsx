import { useEffect } from 'react';
import type { LogStream } from '../../../src-shared/domain';
import { formatBytes } from '../../lib/format';
import { TID } from '../../testids';
import { useLogs } from '../../stores/logs-store';
import { ErrorNote } from '../common/ErrorNote';
import { AnsiLine } from './AnsiLine';
import { LineView } from './LineView';

const renderLine = (line: string) => <AnsiLine line={line} />;

/** Raw stdout or stderr of an execution, with colours, following its end while it runs. */
export function LogPanel({
  executionId,
  stream,
  live,
  endedAt,
}: {
  executionId: string;
  stream: LogStream;
  live: boolean;
  /** When the execution ended: read what live output may have missed. */
  endedAt: string | null;
}) {
  const open = useLogs((s) => s.open);
  const shown = useLogs((s) => s.executionId === executionId && s.stream === stream);
  const lines = useLogs((s) => s.lines);
  const startOffset = useLogs((s) => s.startOffset);
  const loading = useLogs((s) => s.loading);
  const error = useLogs((s) => s.error);
  const loadEarlier = useLogs((s) => s.loadEarlier);
  const catchUp = useLogs((s) => s.catchUp);

  useEffect(() => {
    open(executionId, stream);
    return () => open(null, stream);
  }, [executionId, stream, open]);

  useEffect(() => {
    if (endedAt) catchUp();
  }, [endedAt, catchUp]);

  if (!shown || loading) return <div className="panel-note muted">Loading {stream}…</div>;
  const empty = lines.length === 1 && lines[0] === '';
  // A log ending in a newline has an empty last "line": don't show it.
  const visible = lines.length > 1 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;

  return (
    <>
      <ErrorNote message={error} onRetry={catchUp} />
      {empty ? (
        <div className="panel-note muted" data-testid={TID.logView} data-stream={stream}>
          {live ? `Nothing on ${stream} yet.` : `Nothing was written to ${stream}.`}
        </div>
      ) : (
        <LineView
          lines={visible}
          renderLine={renderLine}
          followTail
          testId={TID.logView}
          attrs={{ 'data-stream': stream }}
          jumpLabel={live ? 'Jump to live' : 'Jump to end'}
          jumpTestId={TID.jumpToLive}
          header={
            startOffset > 0 ? (
              <div className="line-view-note">
                <span className="muted">
                  Showing the last part; {formatBytes(startOffset)} before it not loaded.
                </span>
                <button
                  className="btn-link"
                  onClick={() => void loadEarlier()}
                  data-testid={TID.logLoadEarlier}
                >
                  Load earlier
                </button>
              </div>
            ) : null
          }
        />
      )}
    </>
  );
}
