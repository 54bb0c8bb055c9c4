import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { Task, TerminalInfo } from '../../../src-shared/domain';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { TID } from '../../testids';
import { useTerminals } from '../../stores/terminals-store';
import { canTakeOver } from '../detail/action-rules';
import { ErrorNote } from '../common/ErrorNote';
import { disposeTerminal, terminalEntry } from './xterm-registry';
import './terminal.css';

/** What the user said to the agent while taking over, when the task goes back in the queue. */
const AFTER_TAKEOVER_ANSWER =
  'The user took over this session in a terminal and talked to you directly. Carry on with the task from there.';

/** The task's terminals: shells in its sandbox and take-overs of its session. */
export function TerminalPanel({ task }: { task: Task }) {
  const byId = useTerminals((s) => s.byId);
  const activeId = useTerminals((s) => s.active[task.id]);
  const ended = useTerminals((s) => s.endedTakeover[task.id]);
  const error = useTerminals((s) => s.error);
  const { load, open, close, select } = useTerminals.getState();
  const terminals = Object.values(byId).filter((t) => t.taskId === task.id);
  const active = activeId ? byId[activeId] : undefined;

  useEffect(() => {
    void load(task.id);
  }, [task.id, load]);

  const closeTerminal = async (id: string) => {
    await close(id);
    disposeTerminal(id);
  };

  return (
    <div className="terminal-panel" data-testid={TID.terminalPanel}>
      <div className="terminal-bar">
        <div className="terminal-tabs" role="tablist">
          {terminals.map((t) => (
            <div
              key={t.id}
              className={`terminal-tab${t.id === activeId ? ' is-active' : ''}`}
              data-testid={TID.terminalTab}
              data-kind={t.kind}
              data-running={t.running}
            >
              <button
                role="tab"
                aria-selected={t.id === activeId}
                onClick={() => select(task.id, t.id)}
              >
                {t.kind === 'takeover' ? 'claude' : t.title}
                {!t.running && <span className="muted"> (exit {t.exitCode ?? t.signal})</span>}
              </button>
              <button
                className="terminal-tab-close"
                aria-label="Close terminal"
                title="Close (ends its processes)"
                data-testid={TID.terminalClose}
                onClick={() => void closeTerminal(t.id)}
              >
                ×
              </button>
            </div>
          ))}
        </div>
        <button
          className="btn btn-small"
          data-testid={TID.terminalNewShell}
          onClick={() => void open(task.id, 'shell').catch(() => undefined)}
        >
          + Shell
        </button>
        {canTakeOver(task) && (
          <button
            className="btn btn-small"
            data-testid={TID.terminalTakeOver}
            title={`claude --resume ${task.sessionId ?? ''}`}
            onClick={() => void open(task.id, 'takeover').catch(() => undefined)}
          >
            Take over
          </button>
        )}
      </div>
      {error && <ErrorNote message={error} />}
      {ended && <TakeoverEnded task={task} info={ended} />}
      {active ? (
        <TerminalView key={active.id} info={active} />
      ) : (
        <div className="terminal-empty muted">
          Open a shell in {task.sandboxDir ? 'the task’s sandbox' : 'the project folder'}
          {canTakeOver(task) ? ', or take over the agent’s session to talk to it directly' : ''}.
        </div>
      )}
    </div>
  );
}

function TerminalView({ info }: { info: TerminalInfo }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const entry = terminalEntry(info.id);
    container.appendChild(entry.host);
    let size = { cols: info.cols, rows: info.rows };
    const fit = () => {
      if (!container.isConnected || container.clientWidth === 0) return;
      entry.fit.fit();
      const { cols, rows } = entry.term;
      if (cols !== size.cols || rows !== size.rows) {
        size = { cols, rows };
        void api()
          .request('terminals.resize', { id: info.id, cols, rows })
          .catch(() => undefined);
      }
    };
    const observer = new ResizeObserver(() => fit());
    observer.observe(container);
    fit();
    entry.term.focus();
    return () => {
      observer.disconnect();
      entry.host.remove(); // kept alive with its scrollback for the next time it is shown
    };
  }, [info.id, info.cols, info.rows]);
  return (
    <div
      className="terminal-view"
      ref={ref}
      data-testid={TID.terminalView}
      data-terminal-id={info.id}
    />
  );
}

function TakeoverEnded({ task, info }: { task: Task; info: TerminalInfo }) {
  const dismiss = useTerminals((s) => s.dismissEnded);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      dismiss(task.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const requeue = () =>
    task.state === 'BLOCKED'
      ? api().request('tasks.answer', { id: task.id, answer: AFTER_TAKEOVER_ANSWER })
      : api().request('tasks.retry', { id: task.id });
  return (
    <div className="terminal-ended" data-testid={TID.terminalEnded}>
      <span>
        The take-over ended{info.exitCode !== null ? ` (exit ${info.exitCode})` : ''}. What now?
      </span>
      <button
        className="btn btn-primary btn-small"
        disabled={busy}
        data-testid={TID.terminalLand}
        onClick={() => void act(() => api().request('tasks.land', { id: task.id }))}
      >
        Land the commits now
      </button>
      <button
        className="btn btn-small"
        disabled={busy}
        data-testid={TID.terminalRequeue}
        onClick={() => void act(requeue)}
      >
        Put it back in the queue
      </button>
      <button
        className="btn btn-small"
        disabled={busy}
        data-testid={TID.terminalLeave}
        onClick={() => dismiss(task.id)}
      >
        Leave it as it is
      </button>
      {error && <ErrorNote message={error} />}
    </div>
  );
}
