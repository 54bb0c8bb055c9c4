import { useState } from 'react';
import type { Execution, TaskDetail } from '../../../src-shared/domain';
import { formatAge, formatCost, formatDuration, shortId } from '../../lib/format';
import { TID } from '../../testids';
import { useBlocked } from '../../stores/blocked-store';
import { useProjects } from '../../stores/projects-store';
import { shownExecution, useTaskDetail } from '../../stores/task-detail-store';
import { EmptyState } from '../common/EmptyState';
import { ErrorNote } from '../common/ErrorNote';
import { useNow } from '../common/use-now';
import { LogPanel } from '../logs/LogPanel';
import { StateBadge } from '../tasks/StateBadge';
import { TranscriptView } from '../transcript/TranscriptView';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { useTerminals } from '../../stores/terminals-store';
import { CommitsPanel } from './CommitsPanel';
import { ExecutionsList } from './ExecutionsList';
import { OverviewPanel } from './OverviewPanel';
import { TaskActions } from './TaskActions';
import './detail.css';

type Tab = 'transcript' | 'stdout' | 'stderr' | 'commits' | 'executions' | 'overview' | 'terminal';

const TABS: { id: Tab; label: string; testId: string }[] = [
  { id: 'transcript', label: 'Transcript', testId: TID.tabTranscript },
  { id: 'stdout', label: 'stdout', testId: TID.tabStdout },
  { id: 'stderr', label: 'stderr', testId: TID.tabStderr },
  { id: 'commits', label: 'Commits', testId: TID.tabCommits },
  { id: 'executions', label: 'Executions', testId: TID.tabExecutions },
  { id: 'overview', label: 'Overview', testId: TID.tabOverview },
  { id: 'terminal', label: 'Terminal', testId: TID.tabTerminal },
];

function ExecutionPicker({
  executions,
  shown,
  pinned,
  onPin,
}: {
  executions: Execution[];
  shown: Execution;
  pinned: boolean;
  onPin: (id: string | null) => void;
}) {
  const n = executions.indexOf(shown) + 1;
  return (
    <div className="execution-bar">
      {executions.length > 1 ? (
        <select
          className="field execution-select"
          value={pinned ? shown.id : ''}
          onChange={(e) => onPin(e.target.value || null)}
          aria-label="Execution shown"
          data-testid={TID.executionSelect}
        >
          <option value="">Latest execution (#{executions.length}, follows new runs)</option>
          {executions.map((e, i) => (
            <option key={e.id} value={e.id}>
              #{i + 1} · {e.kind === 'resume' ? 'resumed' : 'fresh'} · {e.state.toLowerCase()}
            </option>
          ))}
        </select>
      ) : (
        <span className="muted" data-testid={TID.executionSelect}>
          Execution #{n}
        </span>
      )}
      <StateBadge state={shown.state} />
      {shown.kind === 'resume' && (
        <span className="execution-prompt muted" title={shown.prompt}>
          answer: {shown.prompt}
        </span>
      )}
      <span className="spacer" />
      {shown.costUsd > 0 && <span className="muted">{formatCost(shown.costUsd)}</span>}
      {shown.durationMs !== null && (
        <span className="muted">{formatDuration(shown.durationMs)}</span>
      )}
    </div>
  );
}

function Header({ detail }: { detail: TaskDetail }) {
  const projects = useProjects((s) => s.projects);
  const now = useNow(15_000);
  const { task } = detail;
  const project = projects.find((p) => p.id === task.projectId);
  return (
    <header className="detail-header">
      <div className="detail-title-row">
        <h2 className="detail-title" title={task.name} data-testid={TID.taskTitle}>
          {task.name}
        </h2>
        <StateBadge state={task.state} />
      </div>
      <div className="detail-meta muted">
        <span title={project?.path}>{project?.name ?? 'unknown project'}</span>
        <span>·</span>
        <span title={new Date(task.createdAt).toLocaleString()}>
          created {formatAge(task.createdAt, now)} ago
        </span>
        <span>·</span>
        <span>{formatCost(task.costUsd)}</span>
        <span>·</span>
        <code title={task.id}>{shortId(task.id)}</code>
      </div>
      <TaskActions task={task} projectPath={project?.path ?? null} />
    </header>
  );
}

function Banners({ detail }: { detail: TaskDetail }) {
  const showNow = useBlocked((s) => s.showNow);
  const { task } = detail;
  return (
    <>
      {task.state === 'BLOCKED' && task.question && (
        <div className="banner banner-attention" data-testid={TID.taskQuestion}>
          <div>
            <strong>The agent asks:</strong> {task.question.text}
          </div>
          <button
            className="btn btn-primary btn-small"
            onClick={() => showNow({ task, question: task.question! })}
          >
            Answer
          </button>
        </div>
      )}
      {task.state === 'RATE_LIMITED' && task.retryAt && (
        <div className="banner banner-warn">
          Rate limited — retry {task.rateLimitAttempts > 0 ? `#${task.rateLimitAttempts} ` : ''}at{' '}
          {new Date(task.retryAt).toLocaleTimeString()}.
        </div>
      )}
      {task.error && (
        <div className="banner banner-danger" data-testid={TID.taskError}>
          <pre className="banner-pre">{task.error}</pre>
        </div>
      )}
    </>
  );
}

/** Everything about the open task: what its agent did, its commits, its runs. */
export function TaskDetailPane() {
  const openTaskId = useTaskDetail((s) => s.openTaskId);
  const detail = useTaskDetail((s) => s.detail);
  const loading = useTaskDetail((s) => s.loading);
  const error = useTaskDetail((s) => s.error);
  const refresh = useTaskDetail((s) => s.refresh);
  const pinned = useTaskDetail((s) => s.pinnedExecutionId);
  const pin = useTaskDetail((s) => s.pinExecution);
  const [tab, setTab] = useState<Tab>('transcript');
  const terminalFocus = useTerminals((s) => s.focus);
  const [seenFocus, setSeenFocus] = useState<number | null>(null);
  // The Take over button (in the header) shows the terminal it opened.
  if (terminalFocus && terminalFocus.taskId === openTaskId && terminalFocus.at !== seenFocus) {
    setSeenFocus(terminalFocus.at);
    setTab('terminal');
  }

  if (!openTaskId) {
    return (
      <section className="detail-pane">
        <EmptyState title="No task selected" testId={TID.taskDetailEmpty}>
          <p>Pick a task from the list to see what its agent did.</p>
          <p className="subtle">
            <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>Enter</kbd> opens, <kbd>/</kbd> searches.
          </p>
        </EmptyState>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="detail-pane">
        {loading && <div className="panel-note muted">Loading task…</div>}
        {error && (
          <div className="panel-note">
            <ErrorNote
              message={`Could not load the task: ${error}`}
              onRetry={() => void refresh()}
            />
          </div>
        )}
      </section>
    );
  }

  const { task } = detail;
  const shown = shownExecution(detail, pinned);
  const live = shown?.state === 'RUNNING';
  const commitCount = new Set(detail.executions.flatMap((e) => e.commits.map((c) => c.hash))).size;
  const counts: Partial<Record<Tab, number>> = {
    commits: commitCount,
    executions: detail.executions.length,
  };

  const needsExecution = tab === 'transcript' || tab === 'stdout' || tab === 'stderr';

  return (
    <section
      className="detail-pane"
      data-testid={TID.taskDetail}
      data-task-id={task.id}
      data-state={task.state}
    >
      <Header detail={detail} />
      {error && (
        <ErrorNote message={`Could not refresh: ${error}`} onRetry={() => void refresh()} />
      )}
      <Banners detail={detail} />
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={`tab${tab === t.id ? ' is-active' : ''}`}
            onClick={() => setTab(t.id)}
            data-testid={t.testId}
          >
            {t.label}
            {counts[t.id] ? <span className="tab-count">{counts[t.id]}</span> : null}
          </button>
        ))}
      </nav>
      {needsExecution && shown && (
        <ExecutionPicker
          executions={detail.executions}
          shown={shown}
          pinned={!!pinned && pinned === shown.id}
          onPin={pin}
        />
      )}
      <div className="tab-body">
        {needsExecution && !shown && (
          <EmptyState title="Not run yet">
            <p>
              {task.state === 'QUEUED' || task.state === 'PENDING'
                ? 'It starts when a slot in the queue is free.'
                : 'This task has no executions.'}
            </p>
          </EmptyState>
        )}
        {tab === 'terminal' && <TerminalPanel task={task} />}
        {tab === 'transcript' && shown && (
          <TranscriptView key={shown.id} executionId={shown.id} live={live} />
        )}
        {(tab === 'stdout' || tab === 'stderr') && shown && (
          <LogPanel
            key={`${shown.id}:${tab}`}
            executionId={shown.id}
            stream={tab}
            live={live}
            endedAt={shown.endedAt}
          />
        )}
        {tab === 'commits' && (
          <CommitsPanel
            taskId={task.id}
            executions={detail.executions}
            landedBranch={task.landedBranch}
          />
        )}
        {tab === 'executions' && (
          <div className="scroll-panel">
            <ExecutionsList
              executions={detail.executions}
              shownId={shown?.id ?? null}
              onShow={(id) => {
                const latest = detail.executions[detail.executions.length - 1];
                pin(latest && latest.id === id ? null : id);
                setTab('transcript');
              }}
            />
          </div>
        )}
        {tab === 'overview' && (
          <div className="scroll-panel">
            <OverviewPanel detail={detail} />
          </div>
        )}
      </div>
    </section>
  );
}
