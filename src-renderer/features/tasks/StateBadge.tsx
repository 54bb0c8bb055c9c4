import { TID } from '../../testids';
import { stateLabel, stateTone } from './state-labels';
import './state-badge.css';

/** A task's or execution's state as a coloured pill. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span
      className={`state-badge tone-${stateTone(state)}${state === 'RUNNING' ? ' is-live' : ''}`}
      data-testid={TID.stateBadge}
      data-state={state}
    >
      {state === 'RUNNING' && <span className="live-dot" aria-hidden="true" />}
      {stateLabel(state)}
    </span>
  );
}
