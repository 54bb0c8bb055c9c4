import { useEffect, useRef, useState } from 'react';
import { TASK_STATES, type TaskState } from '../../../src-shared/domain';
import { TID } from '../../testids';
import { MAX_SEARCH } from '../../stores/task-query';
import { useTasks } from '../../stores/tasks-store';
import { useUi } from '../../stores/ui-store';
import { STATE_LABEL } from './state-labels';

/** How long typing pauses before the list asks the server. */
export const SEARCH_DEBOUNCE_MS = 250;

export function TaskFilters({ onLeaveDown }: { onLeaveDown?: () => void }) {
  const state = useTasks((s) => s.query.state);
  const search = useTasks((s) => s.query.search);
  const setQuery = useTasks((s) => s.setQuery);
  const focusRequests = useUi((s) => s.searchFocusRequests);
  const [text, setText] = useState(search);
  const inputRef = useRef<HTMLInputElement>(null);

  // Ask the server once typing pauses.
  useEffect(() => {
    if (text === useTasks.getState().query.search) return;
    const timer = setTimeout(() => setQuery({ search: text }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, setQuery]);

  useEffect(() => {
    if (focusRequests > 0) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [focusRequests]);

  const clear = (): void => {
    setText('');
    setQuery({ search: '', state: null });
  };

  return (
    <div className="task-filters">
      <input
        ref={inputRef}
        className="field search-field"
        type="search"
        placeholder="Search tasks…  ( / )"
        aria-label="Search tasks"
        value={text}
        maxLength={MAX_SEARCH}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
          } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault();
            if (e.key === 'Enter' && text !== search) setQuery({ search: text });
            onLeaveDown?.();
          }
        }}
        data-testid={TID.searchInput}
      />
      <select
        className="field state-field"
        aria-label="Filter by state"
        value={state ?? ''}
        onChange={(e) => setQuery({ state: (e.target.value || null) as TaskState | null })}
        data-testid={TID.filterState}
      >
        <option value="">All states</option>
        {TASK_STATES.map((s) => (
          <option key={s} value={s}>
            {STATE_LABEL[s]}
          </option>
        ))}
      </select>
      {(state || search || text) && (
        <button
          className="btn btn-ghost btn-small"
          onClick={clear}
          title="Clear state filter and search"
          data-testid={TID.filterClear}
        >
          Clear
        </button>
      )}
    </div>
  );
}
