import type { Execution } from '../../../src-shared/domain';
import { copyText } from '../../lib/clipboard';
import { errorMessage } from '../../lib/error-message';
import { formatCost, formatDateTime, formatDuration } from '../../lib/format';
import { TID } from '../../testids';
import { toast } from '../../stores/toasts-store';
import { StateBadge } from '../tasks/StateBadge';

function elapsed(e: Execution): number | null {
  if (e.durationMs !== null) return e.durationMs;
  if (!e.endedAt) return null;
  return Date.parse(e.endedAt) - Date.parse(e.startedAt);
}

async function copy(label: string, text: string): Promise<void> {
  try {
    await copyText(text);
    toast.success(`${label} copied`);
  } catch (err) {
    toast.error(`Could not copy: ${errorMessage(err)}`);
  }
}

export function ExecutionsList({
  executions,
  shownId,
  onShow,
}: {
  executions: Execution[];
  shownId: string | null;
  onShow: (id: string) => void;
}) {
  if (executions.length === 0) {
    return (
      <div className="panel-note muted" data-testid={TID.executionsList}>
        Not run yet. The task starts when a slot in the queue is free.
      </div>
    );
  }
  return (
    <ol className="executions-list" data-testid={TID.executionsList}>
      {[...executions].reverse().map((e) => {
        const n = executions.indexOf(e) + 1;
        return (
          <li
            key={e.id}
            className={`execution-item${e.id === shownId ? ' is-shown' : ''}`}
            data-testid={TID.executionItem}
            data-execution-id={e.id}
            data-state={e.state}
          >
            <div className="execution-head">
              <strong>#{n}</strong>
              <span className="muted">{e.kind === 'resume' ? 'resumed' : 'fresh run'}</span>
              <StateBadge state={e.state} />
              <span className="spacer" />
              <button className="btn btn-small" onClick={() => onShow(e.id)}>
                Show transcript
              </button>
            </div>
            <dl className="kv">
              <dt>Started</dt>
              <dd>{formatDateTime(e.startedAt)}</dd>
              <dt>Ended</dt>
              <dd>{e.endedAt ? formatDateTime(e.endedAt) : 'still running'}</dd>
              <dt>Duration</dt>
              <dd>{formatDuration(elapsed(e))}</dd>
              <dt>Exit code</dt>
              <dd>{e.exitCode ?? '—'}</dd>
              <dt>Cost</dt>
              <dd>
                {formatCost(e.costUsd)}
                {e.numTurns !== null && <span className="muted"> · {e.numTurns} turns</span>}
              </dd>
              <dt>Session</dt>
              <dd>
                <code>{e.sessionId}</code>{' '}
                <button className="btn-link" onClick={() => void copy('Session id', e.sessionId)}>
                  copy
                </button>
              </dd>
              <dt>Sandbox</dt>
              <dd>
                {e.sandboxDir ? (
                  <>
                    <code>{e.sandboxDir}</code>{' '}
                    <button className="btn-link" onClick={() => void copy('Path', e.sandboxDir!)}>
                      copy
                    </button>
                  </>
                ) : (
                  '—'
                )}
              </dd>
              {e.kind === 'resume' && (
                <>
                  <dt>Answer</dt>
                  <dd className="pre-wrap">{e.prompt}</dd>
                </>
              )}
              {e.commits.length > 0 && (
                <>
                  <dt>Commits</dt>
                  <dd>{e.commits.length}</dd>
                </>
              )}
            </dl>
            {e.error && <div className="error-note">{e.error}</div>}
            {e.summary && <p className="execution-summary pre-wrap">{e.summary}</p>}
          </li>
        );
      })}
    </ol>
  );
}
