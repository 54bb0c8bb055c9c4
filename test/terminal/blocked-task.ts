import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeWorkingCopy } from '../support/git-repos';

/** An engine with one BLOCKED task: its sandbox and session are kept, as a take-over needs. */
export async function harnessWithBlockedTask(): Promise<{ h: Harness; taskId: string }> {
  const h = await startHarness();
  const t = await h.call('tasks.create', {
    projectPath: makeWorkingCopy(),
    instructions: withScenario('ask', scenario([{ ask: { text: 'Which?' } }])),
  });
  return { h, taskId: (await h.waitFor(t.id, 'BLOCKED')).id };
}
