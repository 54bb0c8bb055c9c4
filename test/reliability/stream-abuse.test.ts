import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeTempDir, makeWorkingCopy, removeTempDirs } from '../support/git-repos';

// Issue 4, suite 4: what an agent prints can be anything, at any size.

let h: Harness;
let project: string;
let tee: string;
beforeAll(async () => {
  tee = path.join(makeTempDir(), 'agent-stdout');
  h = await startHarness({ agentEnv: { FAKE_CLAUDE_TEE: tee } });
  project = makeWorkingCopy();
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

async function runScenario(steps: Parameters<typeof scenario>[0]) {
  fs.rmSync(tee, { force: true });
  const task = await h.call('tasks.create', {
    projectPath: project,
    instructions: withScenario('abuse', scenario(steps)),
    agent: { skipPlanning: true },
  });
  const done = await h.waitFor(task.id, (t) => !['QUEUED', 'RUNNING'].includes(t.state), 120_000);
  const exec = (await h.call('tasks.get', { id: task.id })).executions[0]!;
  return { done, exec };
}

async function allEvents(executionId: string) {
  const out = [];
  for (let after = -1; ;) {
    const page = await h.call('executions.events', { executionId, afterSeq: after, limit: 5000 });
    if (page.events.length === 0) return out;
    out.push(...page.events);
    after = page.events.at(-1)!.seq;
  }
}

describe('stream abuse', () => {
  it('a 20 MB line, a truncated line and invalid UTF-8: no crash, the log is byte-identical', async () => {
    const invalid = Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]).toString('base64');
    const { done, exec } = await runScenario([
      { hugeLine: 20 * 1024 * 1024 },
      { raw: '{"type":"assistant","message":' },
      { rawBase64: invalid },
      { raw: '[1,2,3]' },
      { unknown: { type: 'brand_new_kind', nested: { deep: [1, 2] } } },
      { text: 'still alive' },
      {
        rawNoNewline: '{"type":"result","subtype":"success","is_error":false,"total_cost_usd":0.5',
      },
    ]);
    // The fake exits 0 after the unterminated last line; nothing marks it an error.
    expect(done.state).toBe('COMPLETED');
    const log = fs.readFileSync(exec.stdoutPath);
    expect(log.equals(fs.readFileSync(tee))).toBe(true);
    const events = await allEvents(exec.id);
    // Every line, the unterminated last one included, is indexed over exact byte ranges.
    const lines = log.toString('latin1').split('\n');
    expect(events).toHaveLength(lines.filter((l) => l.length > 0).length);
    const last = events.at(-1)!;
    expect(last.offset + last.length).toBe(log.length);
    expect(log.subarray(last.offset).toString()).toContain('"total_cost_usd":0.5');
    const byType = (t: string) => events.filter((e) => e.type === t);
    expect(byType('_raw').length).toBeGreaterThanOrEqual(3);
    expect(byType('brand_new_kind')[0]!.data).toMatchObject({ nested: { deep: [1, 2] } });
    const huge = events.find((e) => e.length >= 20 * 1024 * 1024)!;
    expect(huge.type).toBe('assistant');
    expect(huge.data).toBeNull();
    expect(events.some((e) => JSON.stringify(e.data ?? '').includes('still alive'))).toBe(true);
  });

  it('100,000 lines in a burst: all indexed, memory stays bounded', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const { done, exec } = await runScenario([{ flood: { lines: 100_000, bytes: 200 } }]);
    clearInterval(timer);
    expect(done.state).toBe('COMPLETED');
    const log = fs.readFileSync(exec.stdoutPath);
    expect(log.equals(fs.readFileSync(tee))).toBe(true);
    const lines = log
      .toString('latin1')
      .split('\n')
      .filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(100_000);
    const lastSeq = (await h.call('executions.events', { executionId: exec.id, limit: 1 })).lastSeq;
    expect(lastSeq + 1).toBe(lines.length);
    // ~25 MB of output went through; the engine must not hold it all.
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
  });
});
