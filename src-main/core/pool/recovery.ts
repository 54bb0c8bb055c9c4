import type { Store } from '../store';
import type { TaskEvents } from '../events/task-events';
import { CARRY_ON_PROMPT } from './endings';
import { indexLogRest } from '../runner/index-log-rest';
import { findOrphans, killOrphans } from './orphans';

/**
 * At start-up: executions still RUNNING belong to a Claudomator that died.
 * Their leftover agent processes are stopped, and their tasks become
 * INTERRUPTED — resumable from their session and sandbox, never silently
 * failed or re-run from scratch.
 */
export function recoverInterrupted(
  store: Store,
  tasks: TaskEvents,
  log: (msg: string) => void,
): number {
  const stale = store.executions.inState('RUNNING');
  const orphans = findOrphans(stale.map((e) => e.id));
  for (const [executionId, pids] of orphans) {
    log(`stopping ${pids.length} process(es) left running by execution ${executionId}`);
    killOrphans(pids);
  }
  for (const e of stale) {
    // The orphans are gone: the log is final. Whatever they wrote after the
    // crash, or what was still waiting for its index batch, joins the transcript.
    const added = indexLogRest(store, e);
    if (added > 0)
      log(`indexed ${added} transcript line(s) of execution ${e.id} written after the stop`);
    // The session exists once the CLI printed its init line.
    const started =
      e.kind === 'resume' || store.events.page(e.id, -1, 50).some((ev) => ev.subtype === 'init');
    store.executions.update(e.id, {
      state: 'INTERRUPTED',
      endedAt: new Date().toISOString(),
      error: 'Claudomator stopped while this execution ran',
      sessionStarted: started,
    });
    const task = store.tasks.find(e.taskId);
    if (task?.state !== 'RUNNING') continue;
    tasks.transition(task.id, 'INTERRUPTED', {
      actor: 'system',
      reason: 'Claudomator stopped while the task ran',
      patch: {
        error: 'interrupted: Claudomator stopped while the task ran; retry resumes its session',
        ...(started ? { nextPrompt: CARRY_ON_PROMPT } : { sessionId: null }),
      },
    });
  }
  // A task RUNNING with no running execution (a crash between the two writes).
  for (const t of store.tasks.inState('RUNNING')) {
    tasks.transition(t.id, 'INTERRUPTED', {
      actor: 'system',
      reason: 'Claudomator stopped while the task ran',
      patch: { sessionId: null },
    });
  }
  return stale.length;
}
