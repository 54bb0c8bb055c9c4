import { diffLineKind } from '../../lib/diff-lines';
import { TID } from '../../testids';
import { useCommitDiff } from '../../stores/commit-diff-store';
import { ErrorNote } from '../common/ErrorNote';
import { LineView } from '../logs/LineView';

const renderDiffLine = (line: string) => (
  <span className={`line-text diff-${diffLineKind(line)}`}>{line || ' '}</span>
);

/** The `git show` of the chosen commit, + and − lines coloured. */
export function DiffView() {
  const hash = useCommitDiff((s) => s.hash);
  const taskId = useCommitDiff((s) => s.taskId);
  const diff = useCommitDiff((s) => s.diff);
  const loading = useCommitDiff((s) => s.loading);
  const error = useCommitDiff((s) => s.error);
  const show = useCommitDiff((s) => s.show);

  if (!hash) {
    return <div className="panel-note muted">Choose a commit to see its changes.</div>;
  }
  if (loading) return <div className="panel-note muted">Loading {hash.slice(0, 8)}…</div>;
  if (error) {
    return (
      <div className="panel-note">
        <ErrorNote
          message={`Could not show ${hash.slice(0, 8)}: ${error}`}
          onRetry={() => taskId && void show(taskId, hash)}
        />
      </div>
    );
  }
  if (!diff) return null;
  const lines = diff.diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return (
    <LineView
      lines={lines}
      renderLine={renderDiffLine}
      followTail={false}
      testId={TID.diffView}
      attrs={{ 'data-hash': diff.hash }}
      header={
        diff.truncated ? (
          <div className="line-view-note muted">
            The diff is too large to show whole; it was cut.
          </div>
        ) : null
      }
    />
  );
}
