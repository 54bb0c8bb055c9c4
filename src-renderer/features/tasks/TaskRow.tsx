import { memo } from 'react';
import type { Task } from '../../../src-shared/domain';
import { formatAge, formatCost } from '../../lib/format';
import { TID } from '../../testids';
import { StateBadge } from './StateBadge';

interface TaskRowProps {
  task: Task;
  index: number;
  projectName: string;
  now: number;
  isCursor: boolean;
  isOpen: boolean;
  onOpen: (task: Task, index: number) => void;
}

function timeText(task: Task, now: number): string {
  if (task.state === 'RUNNING') return `running ${formatAge(task.updatedAt, now)}`;
  return formatAge(task.createdAt, now);
}

export const TaskRow = memo(function TaskRow({
  task,
  index,
  projectName,
  now,
  isCursor,
  isOpen,
  onOpen,
}: TaskRowProps) {
  const classes = ['task-row'];
  if (task.state === 'BLOCKED') classes.push('is-blocked');
  if (isCursor) classes.push('is-cursor');
  if (isOpen) classes.push('is-open');
  return (
    <div
      id={`task-row-${index}`}
      className={classes.join(' ')}
      role="option"
      aria-selected={isCursor}
      onClick={() => onOpen(task, index)}
      data-testid={TID.taskRow}
      data-task-id={task.id}
      data-state={task.state}
      data-index={index}
    >
      <div className="task-row-main">
        <span className="task-row-name" title={task.name}>
          {task.parentId && (
            <span className="subtask-mark" title="Subtask">
              ↳{' '}
            </span>
          )}
          {task.name}
        </span>
        <StateBadge state={task.state} />
      </div>
      <div className="task-row-meta">
        <span className="task-row-project" title={projectName}>
          {projectName}
        </span>
        <span className="dot">·</span>
        <span className="nowrap" title={new Date(task.createdAt).toLocaleString()}>
          {timeText(task, now)}
        </span>
        {task.costUsd > 0 && (
          <>
            <span className="dot">·</span>
            <span className="nowrap">{formatCost(task.costUsd)}</span>
          </>
        )}
        {task.state === 'BLOCKED' && task.question && (
          <span className="task-row-question" title={task.question.text}>
            {task.question.text}
          </span>
        )}
      </div>
    </div>
  );
});
