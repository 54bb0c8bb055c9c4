import { useState } from 'react';
import type { Task } from '../../../src-shared/domain';
import { api } from '../../api/client';
import { copyText } from '../../lib/clipboard';
import { errorMessage } from '../../lib/error-message';
import { TID } from '../../testids';
import { useBlocked } from '../../stores/blocked-store';
import { useTaskDetail } from '../../stores/task-detail-store';
import { useTasks } from '../../stores/tasks-store';
import { toast } from '../../stores/toasts-store';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorNote } from '../common/ErrorNote';
import { canCancel, canRetry, canTakeOver } from './action-rules';
import { useTerminals } from '../../stores/terminals-store';

type Busy = null | 'cancel' | 'retry' | 'delete' | 'merge';

export function TaskActions({ task, projectPath }: { task: Task; projectPath: string | null }) {
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<null | 'delete' | 'merge'>(null);
  const showNow = useBlocked((s) => s.showNow);
  const applyUpdated = useTasks((s) => s.applyUpdated);
  const applyDeleted = useTasks((s) => s.applyDeleted);
  const detailUpdated = useTaskDetail((s) => s.applyUpdated);
  const detailDeleted = useTaskDetail((s) => s.applyDeleted);
  const desktop = api().desktop;

  const run = async (what: Exclude<Busy, null>, fn: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      await fn();
      setConfirm(null);
    } catch (err) {
      setError(`Could not ${what}: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const updated = (t: Task): void => {
    applyUpdated(t);
    detailUpdated(t);
  };

  const cancel = () =>
    run('cancel', async () => updated(await api().request('tasks.cancel', { id: task.id })));
  const retry = () =>
    run('retry', async () => updated(await api().request('tasks.retry', { id: task.id })));
  const remove = () =>
    run('delete', async () => {
      await api().request('tasks.delete', { id: task.id });
      applyDeleted(task.id);
      detailDeleted(task.id);
      toast.success(`Deleted “${task.name}”`);
    });
  const merge = () =>
    run('merge', async () => {
      const r = await api().request('tasks.merge', { id: task.id });
      toast.success(`Merged ${r.branch} into ${r.into}${r.fastForward ? ' (fast-forward)' : ''}`);
    });

  const copySession = async (): Promise<void> => {
    if (!task.sessionId) return;
    try {
      await copyText(task.sessionId);
      toast.success('Session id copied');
    } catch (err) {
      setError(`Could not copy: ${errorMessage(err)}`);
    }
  };

  const reveal = async (): Promise<void> => {
    if (!task.sandboxDir) return;
    try {
      if (desktop) {
        await desktop.reveal(task.sandboxDir);
      } else {
        await copyText(task.sandboxDir);
        toast.info(`A browser can't open folders; the sandbox path was copied: ${task.sandboxDir}`);
      }
    } catch (err) {
      setError(`Could not reveal the sandbox: ${errorMessage(err)}`);
    }
  };

  return (
    <div className="task-actions-wrap">
      <div className="task-actions">
        {task.state === 'BLOCKED' && task.question && (
          <button
            className="btn btn-primary btn-small"
            onClick={() => showNow({ task, question: task.question! })}
            data-testid={TID.actionAnswer}
          >
            Answer…
          </button>
        )}
        {canTakeOver(task) && (
          <button
            className="btn btn-small"
            onClick={() =>
              void useTerminals
                .getState()
                .open(task.id, 'takeover')
                .catch(() => undefined)
            }
            title={`Talk to the agent yourself: claude --resume ${task.sessionId ?? ''} in its sandbox`}
            data-testid={TID.takeOverButton}
          >
            Take over
          </button>
        )}
        {canCancel(task.state) && (
          <button
            className="btn btn-small"
            onClick={() => void cancel()}
            disabled={busy !== null}
            data-testid={TID.actionCancel}
          >
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {canRetry(task.state) && (
          <button
            className="btn btn-small"
            onClick={() => void retry()}
            disabled={busy !== null}
            data-testid={TID.actionRetry}
          >
            {busy === 'retry' ? 'Queuing…' : task.state === 'INTERRUPTED' ? 'Resume' : 'Retry'}
          </button>
        )}
        {task.landedBranch && (
          <button
            className="btn btn-small"
            onClick={() => setConfirm('merge')}
            disabled={busy !== null}
            title={`Merge ${task.landedBranch} into the branch checked out in the project`}
            data-testid={TID.actionMerge}
          >
            Merge…
          </button>
        )}
        {task.sessionId && (
          <button
            className="btn btn-small btn-ghost"
            onClick={() => void copySession()}
            title={task.sessionId}
            data-testid={TID.actionCopySession}
          >
            Copy session id
          </button>
        )}
        {task.sandboxDir && (
          <button
            className="btn btn-small btn-ghost"
            onClick={() => void reveal()}
            title={task.sandboxDir}
            data-testid={TID.actionRevealSandbox}
          >
            {desktop ? 'Reveal sandbox' : 'Copy sandbox path'}
          </button>
        )}
        <button
          className="btn btn-small btn-ghost btn-danger"
          onClick={() => setConfirm('delete')}
          disabled={busy !== null}
          data-testid={TID.actionDelete}
        >
          Delete
        </button>
      </div>
      <ErrorNote message={confirm ? null : error} />
      {confirm === 'delete' && (
        <ConfirmDialog
          title="Delete this task?"
          confirmLabel="Delete"
          danger
          busy={busy === 'delete'}
          error={error}
          onConfirm={() => void remove()}
          onCancel={() => setConfirm(null)}
        >
          <p>
            <strong>{task.name}</strong> goes, with its subtasks, logs and sandbox. A running agent
            is stopped first. Commits already landed in the project stay.
          </p>
        </ConfirmDialog>
      )}
      {confirm === 'merge' && (
        <ConfirmDialog
          title="Merge the task's branch?"
          confirmLabel="Merge"
          busy={busy === 'merge'}
          error={error}
          onConfirm={() => void merge()}
          onCancel={() => setConfirm(null)}
        >
          <p>
            Merges <code>{task.landedBranch}</code> into the branch checked out in{' '}
            <code>{projectPath ?? 'the project'}</code>.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
