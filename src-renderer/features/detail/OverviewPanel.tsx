import type { TaskDetail } from '../../../src-shared/domain';
import { formatCost, formatDateTime } from '../../lib/format';
import { TID } from '../../testids';
import { useTaskDetail } from '../../stores/task-detail-store';
import { StateBadge } from '../tasks/StateBadge';
import { LongText } from '../transcript/Expandable';
import { Markdown } from '../transcript/Markdown';

function AgentConfig({ detail }: { detail: TaskDetail }) {
  const a = detail.task.agent;
  const rows: [string, string][] = [];
  if (a.model) rows.push(['Model', a.model]);
  if (a.permissionMode) rows.push(['Permission mode', a.permissionMode]);
  if (a.maxBudgetUsd !== null) rows.push(['Budget', formatCost(a.maxBudgetUsd)]);
  if (a.timeoutSeconds !== null) rows.push(['Timeout', `${Math.round(a.timeoutSeconds / 60)} min`]);
  if (a.allowedTools.length) rows.push(['Allowed tools', a.allowedTools.join(', ')]);
  if (a.disallowedTools.length) rows.push(['Disallowed tools', a.disallowedTools.join(', ')]);
  if (a.contextDirs.length) rows.push(['Context folders', a.contextDirs.join('\n')]);
  if (a.skipPlanning) rows.push(['Planning', 'skipped']);
  if (detail.task.priority !== 0) rows.push(['Priority', String(detail.task.priority)]);
  if (rows.length === 0) return null;
  return (
    <section className="overview-section">
      <h3>Agent</h3>
      <dl className="kv">
        {rows.map(([k, v]) => (
          <div key={k} className="kv-row">
            <dt>{k}</dt>
            <dd className="pre-wrap">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function OverviewPanel({ detail }: { detail: TaskDetail }) {
  const open = useTaskDetail((s) => s.open);
  const { task } = detail;
  const answered = detail.questions.filter((q) => q.answer !== null);
  return (
    <div className="overview">
      <section className="overview-section" data-testid={TID.taskSummary}>
        <h3>Summary</h3>
        {task.summary ? (
          <Markdown text={task.summary} />
        ) : (
          <p className="muted">
            {task.state === 'COMPLETED'
              ? 'The agent left no summary.'
              : 'The agent writes a summary when it finishes.'}
          </p>
        )}
      </section>

      <section className="overview-section">
        <h3>Instructions</h3>
        <LongText text={task.instructions} limit={6000} />
      </section>

      <AgentConfig detail={detail} />

      {(detail.subtasks.length > 0 || task.state === 'WAITING') && (
        <section className="overview-section">
          <h3>Subtasks</h3>
          {detail.subtasks.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="subtasks-list" data-testid={TID.subtasksList}>
              {detail.subtasks.map((s) => (
                <li key={s.id}>
                  <button
                    className="subtask-item"
                    onClick={() => open(s.id)}
                    data-testid={TID.subtaskItem}
                    data-task-id={s.id}
                    data-state={s.state}
                  >
                    <StateBadge state={s.state} />
                    <span className="subtask-name">{s.name}</span>
                    {s.costUsd > 0 && <span className="subtle">{formatCost(s.costUsd)}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {answered.length > 0 && (
        <section className="overview-section">
          <h3>Questions asked</h3>
          <ul className="questions-list">
            {answered.map((q) => (
              <li key={q.id}>
                <div className="q-text">{q.question.text}</div>
                <div className="q-answer">
                  <span className="subtle">Answer:</span> {q.answer}{' '}
                  <span className="subtle">({formatDateTime(q.answeredAt)})</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="overview-section">
        <h3>History</h3>
        <ol className="history-list" data-testid={TID.historyList}>
          {detail.history.map((h) => (
            <li key={h.id} className="history-item" data-testid={TID.historyItem}>
              <span className="history-time subtle">{formatDateTime(h.at)}</span>
              <span className="history-states">
                {h.from ? <StateBadge state={h.from} /> : <span className="subtle">new</span>}
                <span className="subtle">→</span>
                <StateBadge state={h.to} />
              </span>
              <span className="history-reason">
                {h.reason ?? ''}
                <span className="subtle"> · {h.actor}</span>
              </span>
            </li>
          ))}
        </ol>
      </section>
      <p className="subtle overview-id">
        Task <code>{task.id}</code> · created {formatDateTime(task.createdAt)}
        {task.parentId && (
          <>
            {' '}
            · subtask of{' '}
            <button className="btn-link" onClick={() => open(task.parentId!)}>
              its parent
            </button>
          </>
        )}
      </p>
    </div>
  );
}
