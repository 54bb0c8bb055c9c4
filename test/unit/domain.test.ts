import { describe, expect, it } from 'vitest';
import {
  FINAL_STATES,
  TASK_STATES,
  TASK_TRANSITIONS,
  canTransition,
  type TaskState,
} from '../../src-shared/domain';

const EXPECTED: Record<TaskState, TaskState[]> = {
  PENDING: ['QUEUED', 'CANCELLED'],
  QUEUED: ['RUNNING', 'CANCELLED'],
  RUNNING: [
    'COMPLETED',
    'FAILED',
    'BLOCKED',
    'CANCELLED',
    'TIMED_OUT',
    'BUDGET_EXCEEDED',
    'RATE_LIMITED',
    'WAITING',
    'INTERRUPTED',
    'QUEUED',
  ],
  RATE_LIMITED: ['QUEUED', 'CANCELLED', 'INTERRUPTED'],
  WAITING: ['COMPLETED', 'FAILED', 'CANCELLED'],
  // → COMPLETED: the user landed the sandbox after taking the session over (issue 6).
  BLOCKED: ['QUEUED', 'CANCELLED', 'COMPLETED'],
  COMPLETED: [],
  FAILED: ['QUEUED', 'COMPLETED'],
  CANCELLED: ['QUEUED', 'COMPLETED'],
  TIMED_OUT: ['QUEUED', 'COMPLETED'],
  BUDGET_EXCEEDED: ['QUEUED', 'COMPLETED'],
  INTERRUPTED: ['QUEUED', 'CANCELLED', 'COMPLETED'],
};

describe('task transitions', () => {
  it('every state has exactly its list', () => {
    expect(Object.keys(TASK_TRANSITIONS).sort()).toEqual([...TASK_STATES].sort());
    for (const state of TASK_STATES) {
      expect([...TASK_TRANSITIONS[state]].sort(), state).toEqual([...EXPECTED[state]].sort());
    }
  });

  it('canTransition agrees with the table for every pair', () => {
    for (const from of TASK_STATES) {
      for (const to of TASK_STATES) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(EXPECTED[from].includes(to));
      }
    }
  });

  it('COMPLETED is terminal', () => {
    for (const to of TASK_STATES) expect(canTransition('COMPLETED', to)).toBe(false);
  });

  it('no state moves to itself, and nothing goes back to PENDING', () => {
    for (const s of TASK_STATES) {
      expect(canTransition(s, s), s).toBe(false);
      expect(canTransition(s, 'PENDING'), s).toBe(false);
    }
  });

  it('only QUEUED leads to RUNNING', () => {
    expect(TASK_STATES.filter((s) => canTransition(s, 'RUNNING'))).toEqual(['QUEUED']);
  });

  it('final states are the ones that wait for a person', () => {
    expect([...FINAL_STATES].sort()).toEqual(
      ['BUDGET_EXCEEDED', 'CANCELLED', 'COMPLETED', 'FAILED', 'TIMED_OUT'].sort(),
    );
    // Every final state except COMPLETED can be retried.
    for (const s of FINAL_STATES.filter((f) => f !== 'COMPLETED')) {
      expect(canTransition(s, 'QUEUED'), s).toBe(true);
    }
  });
});
