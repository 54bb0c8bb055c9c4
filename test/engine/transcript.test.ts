import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../../src-shared/domain';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import { makeWorkingCopy, removeTempDirs } from '../support/git-repos';

let h: Harness;
let project: string;
beforeAll(async () => {
  h = await startHarness();
  project = makeWorkingCopy();
});
afterAll(async () => {
  await h.close();
  removeTempDirs();
});

describe('the transcript', () => {
  it('indexes every line, tolerates junk, and keeps the log byte-identical', async () => {
    const live: TranscriptEvent[] = [];
    const chunks: string[] = [];
    const offEvents = h.serving.engine.bus.on('execution.events', (e) => live.push(...e.events));
    const offOutput = h.serving.engine.bus.on('execution.output', (o) => {
      if (o.stream === 'stdout') chunks.push(o.chunk);
    });
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64');
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario(
        'noisy',
        scenario([
          { text: 'hello' },
          { raw: 'not json at all' },
          { raw: '{"type":"assistant","message":{"content":[' },
          { rawBase64: invalidUtf8 },
          { unknown: { type: 'future_event', payload: { x: 1 } } },
          { hugeLine: 3 * 1024 * 1024 },
          { flood: { lines: 5000 } },
          { apiRetry: { attempt: 1, status: 529 } },
          { text: 'bye' },
        ]),
      ),
    });
    await h.waitFor(task.id, 'COMPLETED');
    offEvents();
    offOutput();
    const [exec] = (await h.call('tasks.get', { id: task.id })).executions;
    const log = fs.readFileSync(exec!.stdoutPath);

    // Page through the whole index.
    const events: TranscriptEvent[] = [];
    for (let after = -1; ;) {
      const page = await h.call('executions.events', {
        executionId: exec!.id,
        afterSeq: after,
        limit: 1000,
      });
      if (page.events.length === 0) break;
      events.push(...page.events);
      after = page.events.at(-1)!.seq;
    }
    const lines = log
      .toString('latin1')
      .split('\n')
      .filter((l) => l.length > 0);
    expect(events).toHaveLength(lines.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    // Each event's byte range is exactly its line in the log.
    for (const e of [events[0]!, events[3]!, events.at(-1)!]) {
      const bytes = log.subarray(e.offset, e.offset + e.length);
      expect(bytes.includes(10)).toBe(false);
      expect(log[e.offset + e.length]).toBe(10);
    }
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('system');
    expect(types).toContain('_raw');
    expect(types).toContain('future_event');
    expect(events.find((e) => e.type === 'future_event')!.data).toMatchObject({
      payload: { x: 1 },
    });
    expect(events.find((e) => e.subtype === 'api_retry')).toBeTruthy();
    expect(types.at(-1)).toBe('result');
    // The huge line is indexed but not shipped inline.
    const huge = events.find((e) => e.length > 3 * 1024 * 1024)!;
    expect(huge.data).toBeNull();
    expect(huge.type).toBe('assistant');
    // Live subscribers saw the same events, and the live text adds up to the log.
    expect(live.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(Buffer.byteLength(chunks.join(''))).toBeGreaterThan(0);
    expect(chunks.join('').length).toBeGreaterThan(log.length / 2);

    // The raw log reads back whole through executions.readLog paging.
    const parts: Buffer[] = [];
    for (let offset = 0; ;) {
      const c = await h.call('executions.readLog', {
        executionId: exec!.id,
        stream: 'stdout',
        offset,
        limit: 1024 * 1024,
        encoding: 'base64',
      });
      parts.push(Buffer.from(c.data, 'base64'));
      offset = c.nextOffset;
      if (c.eof) break;
    }
    expect(Buffer.concat(parts).equals(log)).toBe(true);
  });

  it('still lists the events of a log deleted by hand, without their data', async () => {
    const task = await h.call('tasks.create', { projectPath: project, instructions: 'x' });
    await h.waitFor(task.id, 'COMPLETED');
    const [exec] = (await h.call('tasks.get', { id: task.id })).executions;
    fs.rmSync(exec!.stdoutPath);
    const page = await h.call('executions.events', { executionId: exec!.id });
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.events.every((e) => e.data === null)).toBe(true);
  });
});
