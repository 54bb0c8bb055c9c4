import { useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { formatBytes } from '../../lib/format';
import { TID } from '../../testids';

const SHOW_BYTES = 64 * 1024;

/** An event too large to ship inline: say so, and read its beginning from the log on request. */
export function OversizeEvent({
  executionId,
  offset,
  length,
}: {
  executionId: string;
  offset: number;
  length: number;
}) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (): Promise<void> => {
    setBusy(true);
    try {
      const res = await api().request('executions.readLog', {
        executionId,
        stream: 'stdout',
        offset,
        limit: Math.max(1, Math.min(length, SHOW_BYTES)),
      });
      setText(res.data);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="oversize">
      <span className="muted">
        Large event ({formatBytes(length)}) — not shown inline; the stdout tab has it whole.
      </span>{' '}
      {text === null && (
        <button
          className="btn-link"
          onClick={() => void load()}
          disabled={busy}
          data-testid={TID.transcriptOversizeLoad}
        >
          {busy ? 'Reading…' : `Show its first ${formatBytes(Math.min(length, SHOW_BYTES))}`}
        </button>
      )}
      {error && <div className="error-note">{error}</div>}
      {text !== null && (
        <pre className="plain-text">
          {text}
          {length > SHOW_BYTES ? '\n…' : ''}
        </pre>
      )}
    </div>
  );
}
