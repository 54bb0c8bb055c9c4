import { formatCountdown } from '../../lib/format';
import { TID } from '../../testids';
import { useConnection } from '../../stores/connection-store';
import { nextRetry, useQueue } from '../../stores/queue-store';
import { useSettings } from '../../stores/settings-store';
import { useUi } from '../../stores/ui-store';
import { openBlockedQueue } from '../blocked/open-blocked-queue';
import { useNow } from '../common/use-now';
import './status-bar.css';

/** Queue counts, rate-limit countdown and quota pause along the bottom edge. */
export function StatusBar() {
  const queue = useQueue((s) => s.queue);
  const error = useQueue((s) => s.error);
  const retryAt = useQueue((s) => s.retryAt);
  const info = useSettings((s) => s.info);
  const connection = useConnection((s) => s.state);
  const openSettings = useUi((s) => s.openSettings);
  const now = useNow(1000);

  const soonest = nextRetry(retryAt);
  const waiting = Object.keys(retryAt).length;
  const pausedUntil = queue?.pausedUntil ? Date.parse(queue.pausedUntil) : null;
  const paused = pausedUntil !== null && pausedUntil > now;

  return (
    <footer className="status-bar" data-testid={TID.statusBar}>
      {queue ? (
        <>
          <span
            className={`status-item${queue.running > 0 ? ' is-running' : ''}`}
            data-testid={TID.statusRunning}
            data-count={queue.running}
            title={`At most ${queue.maxConcurrency} at once`}
          >
            <span className="status-dot tone-dot-info" />
            {queue.running} running
            <span className="subtle"> / {queue.maxConcurrency}</span>
          </span>
          <span className="status-item" data-testid={TID.statusQueued} data-count={queue.queued}>
            {queue.queued} queued
          </span>
          <button
            className={`status-item status-button${queue.blocked > 0 ? ' is-blocked' : ''}`}
            onClick={() => void openBlockedQueue()}
            disabled={queue.blocked === 0}
            title={queue.blocked > 0 ? 'Answer the blocked tasks' : 'No task waits for you'}
            data-testid={TID.statusBlocked}
            data-count={queue.blocked}
          >
            {queue.blocked} blocked
          </button>
          {soonest !== null && (
            <span className="status-item status-warn" data-testid={TID.statusRateLimit}>
              Rate limited{waiting > 1 ? ` (${waiting})` : ''}: retry in{' '}
              <strong>{formatCountdown(soonest - now)}</strong>
            </span>
          )}
          {paused && (
            <span
              className="status-item status-warn"
              data-testid={TID.statusPaused}
              title={queue.pauseReason ?? undefined}
            >
              Queue paused until {new Date(pausedUntil).toLocaleTimeString()} (
              {formatCountdown(pausedUntil - now)})
              {queue.pauseReason ? ` — ${queue.pauseReason}` : ''}
            </span>
          )}
        </>
      ) : (
        <span className="status-item subtle">{error ? `Queue: ${error}` : 'Connecting…'}</span>
      )}
      <span className="spacer" />
      {connection !== 'open' && <span className="status-item status-warn">offline</span>}
      {info && (
        <span className="status-item subtle">
          v{info.version} · {info.mode}
        </span>
      )}
      <button
        className="status-item status-button"
        onClick={openSettings}
        title="Settings (Ctrl+,)"
        data-testid={TID.settingsButton}
      >
        ⚙ Settings
      </button>
    </footer>
  );
}
