import { useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../../lib/error-message';
import { isMod } from '../../lib/keyboard';
import { TID } from '../../testids';
import { useBlocked, type BlockedItem } from '../../stores/blocked-store';
import { useProjects } from '../../stores/projects-store';
import { useTaskDetail } from '../../stores/task-detail-store';
import { Modal } from '../common/Modal';
import './blocked.css';

function Question({ item, waiting }: { item: BlockedItem; waiting: number }) {
  const answer = useBlocked((s) => s.answer);
  const dismiss = useBlocked((s) => s.dismiss);
  const openTask = useTaskDetail((s) => s.open);
  const project = useProjects((s) => s.projects.find((p) => p.id === item.task.projectId));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (value: string): Promise<void> => {
    if (!value.trim()) {
      setError('Write an answer, or pick one of the options');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await answer(item.task.id, value);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && isMod(e)) {
      e.preventDefault();
      void send(text);
    }
  };

  return (
    <Modal
      title="The agent needs you"
      onClose={() => dismiss(item.task.id)}
      testId={TID.blockedModal}
      extraAttrs={{ 'data-task-id': item.task.id, 'data-queue': waiting }}
      footer={
        <>
          {waiting > 1 && <span className="subtle">{waiting - 1} more waiting after this</span>}
          <span className="spacer" />
          <button
            className="btn"
            onClick={() => dismiss(item.task.id)}
            title="The task stays blocked; answer it later from the task"
            data-testid={TID.blockedDismiss}
          >
            Later
          </button>
          <button
            className="btn btn-primary"
            onClick={() => void send(text)}
            disabled={busy}
            data-testid={TID.blockedSubmit}
          >
            {busy ? 'Sending…' : 'Send answer'}
          </button>
        </>
      }
    >
      <div className="blocked-task">
        <button
          className="btn-link"
          onClick={() => {
            openTask(item.task.id);
          }}
        >
          {item.task.name}
        </button>
        {project && <span className="subtle"> · {project.name}</span>}
      </div>
      <p className="blocked-question" data-testid={TID.blockedQuestion}>
        {item.question.text}
      </p>
      {item.question.options.length > 0 && (
        <div className="blocked-options">
          {item.question.options.map((o, i) => (
            <button
              key={i}
              className="btn blocked-option"
              onClick={() => void send(o)}
              disabled={busy}
              data-autofocus={i === 0 ? '' : undefined}
              data-testid={TID.blockedOption}
            >
              {o}
            </button>
          ))}
        </div>
      )}
      <label className="blocked-free">
        <span className="form-label">
          {item.question.options.length > 0 ? 'Or answer in your own words' : 'Your answer'}
        </span>
        <textarea
          className="field"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          data-autofocus={item.question.options.length === 0 ? '' : undefined}
          data-testid={TID.blockedAnswerInput}
        />
        <span className="form-hint">
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> sends. The agent resumes in the same
          session.
        </span>
      </label>
      {error && (
        <div className="error-note" role="alert" data-testid={TID.blockedError}>
          {error}
        </div>
      )}
    </Modal>
  );
}

/** Questions from blocked tasks, one at a time, in the order they came. */
export function BlockedModal() {
  const first = useBlocked((s) => s.queue[0]);
  const waiting = useBlocked((s) => s.queue.length);
  if (!first) return null;
  return <Question key={first.task.id} item={first} waiting={waiting} />;
}
