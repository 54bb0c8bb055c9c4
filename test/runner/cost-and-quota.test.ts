import { afterEach, describe, expect, it } from 'vitest';
import { executionCost } from '../../src-main/core/runner/execution-cost';
import { quotaResetFrom } from '../../src-main/core/runner/stream-signals';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeWorkingCopy, removeTempDirs } from '../support/git-repos';

describe('executionCost', () => {
  it('takes 2.1.197 totals as the run’s own cost (one process per run)', () => {
    expect(executionCost(0.0125, 0.0125, '2.1.197')).toBe(0.0125);
    expect(executionCost(0.5, 0, null)).toBe(0.5);
  });
  it('subtracts the previous session total from 2.1.330 on', () => {
    expect(executionCost(0.03, 0.01, '2.1.330')).toBeCloseTo(0.02);
    expect(executionCost(0.03, 0.01, '2.2.0')).toBeCloseTo(0.02);
    // A smaller total than before cannot be cumulative.
    expect(executionCost(0.004, 0.01, '2.1.400')).toBe(0.004);
  });
});

describe('quotaResetFrom', () => {
  const now = new Date(2026, 10, 24, 10, 0, 0).getTime();
  it('reads an epoch after the bar', () => {
    expect(quotaResetFrom('Claude AI usage limit reached|1767225600', now)).toBe(1767225600000);
  });
  it('reads "resets 3pm" as the next 3 pm local time', () => {
    expect(quotaResetFrom("You've hit your usage limit · resets 3pm (Europe/London)", now)).toBe(
      new Date(2026, 10, 24, 15, 0, 0).getTime(),
    );
    expect(quotaResetFrom('resets at 9:30am', now)).toBe(new Date(2026, 10, 25, 9, 30).getTime());
    expect(quotaResetFrom('resets 12am', now)).toBe(new Date(2026, 10, 25, 0, 0).getTime());
  });
  it('gives null when there is no time', () => {
    expect(quotaResetFrom('usage limit reached', now)).toBeNull();
    expect(quotaResetFrom('resets 5', now)).toBeNull();
  });
});

describe('execution cost through the engine', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    removeTempDirs();
  });

  it('records each execution’s own cost when the CLI reports session totals', async () => {
    h = await startHarness({ agentEnv: { FAKE_CLAUDE_VERSION: '2.1.330' } });
    const task = await h.call('tasks.create', {
      projectPath: makeWorkingCopy(),
      instructions: withScenario(
        'q',
        scenario([{ ask: { text: 'Go?', options: ['y'] } }], { cost: 0.25 }),
      ),
    });
    await h.waitFor(task.id, 'BLOCKED');
    await h.call('tasks.answer', { id: task.id, answer: 'y' });
    const done = await h.waitFor(task.id, 'COMPLETED');
    const costs = (await h.call('tasks.get', { id: task.id })).executions.map((e) => e.costUsd);
    expect(costs).toEqual([0.25, 0.25]);
    expect(done.costUsd).toBeCloseTo(0.5);
  });
});
