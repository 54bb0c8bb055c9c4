import { useEffect } from 'react';
import type { Commit, Execution } from '../../../src-shared/domain';
import { TID } from '../../testids';
import { useCommitDiff } from '../../stores/commit-diff-store';
import { DiffView } from './DiffView';

function allCommits(executions: Execution[]): (Commit & { execution: number })[] {
  const seen = new Set<string>();
  const out: (Commit & { execution: number })[] = [];
  executions.forEach((e, i) => {
    for (const c of e.commits) {
      if (seen.has(c.hash)) continue;
      seen.add(c.hash);
      out.push({ ...c, execution: i + 1 });
    }
  });
  return out;
}

export function CommitsPanel({
  taskId,
  executions,
  landedBranch,
}: {
  taskId: string;
  executions: Execution[];
  landedBranch: string | null;
}) {
  const commits = allCommits(executions);
  const shownHash = useCommitDiff((s) => (s.taskId === taskId ? s.hash : null));
  const show = useCommitDiff((s) => s.show);
  const close = useCommitDiff((s) => s.close);

  // A diff belongs to its task: forget it when another task opens.
  useEffect(() => {
    const s = useCommitDiff.getState();
    if (s.taskId && s.taskId !== taskId) close();
  }, [taskId, close]);

  if (commits.length === 0) {
    return (
      <div className="panel-note muted" data-testid={TID.commitsList}>
        No commits yet. Commits the agent makes in its sandbox show here once the run ends.
      </div>
    );
  }
  return (
    <div className="commits-panel">
      <ul className="commits-list" data-testid={TID.commitsList}>
        {landedBranch && (
          <li className="commits-branch subtle">
            On branch <code>{landedBranch}</code> in the project
          </li>
        )}
        {commits.map((c) => (
          <li key={c.hash}>
            <button
              className={`commit-item${c.hash === shownHash ? ' is-selected' : ''}`}
              onClick={() => void show(taskId, c.hash)}
              data-testid={TID.commitItem}
              data-hash={c.hash}
            >
              <code className="commit-hash">{c.hash.slice(0, 8)}</code>
              <span className="commit-subject" title={c.subject}>
                {c.subject}
              </span>
              {executions.length > 1 && <span className="subtle">#{c.execution}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="commit-diff">
        <DiffView />
      </div>
    </div>
  );
}
