import { describe, expect, it } from 'vitest';
import {
  MAX_INSTRUCTIONS_BYTES,
  addProjectInput,
  agentConfigInput,
  answerInput,
  createTaskInput,
  listEventsInput,
  listTasksInput,
  readLogInput,
  settingsPatch,
} from '../../src-shared/schemas';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }): string[] =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('createTaskInput', () => {
  it('accepts a minimal task by project id, by path, or by parent', () => {
    expect(createTaskInput.safeParse({ projectId: 'p1', instructions: 'do it' }).success).toBe(
      true,
    );
    expect(createTaskInput.safeParse({ projectPath: '/p', instructions: 'do it' }).success).toBe(
      true,
    );
    expect(createTaskInput.safeParse({ parentId: 't1', instructions: 'do it' }).success).toBe(true);
  });

  it('accepts a full task', () => {
    const full = {
      projectId: 'p1',
      name: 'n',
      instructions: 'do it',
      parentId: null,
      priority: 5,
      agent: {
        model: 'm',
        permissionMode: 'acceptEdits',
        maxBudgetUsd: 1.5,
        allowedTools: ['Read'],
        disallowedTools: ['WebFetch'],
        skipPlanning: true,
        systemPromptAppend: null,
        contextDirs: ['/c'],
        additionalArgs: ['--x'],
        timeoutSeconds: 60,
      },
    };
    expect(createTaskInput.parse(full)).toEqual(full);
  });

  it('rejects unknown fields at the top and in agent', () => {
    expect(
      createTaskInput.safeParse({ projectId: 'p', instructions: 'x', priorty: 1 }).success,
    ).toBe(false);
    expect(
      createTaskInput.safeParse({ projectId: 'p', instructions: 'x', agent: { modle: 'm' } })
        .success,
    ).toBe(false);
  });

  it('rejects empty or whitespace-only instructions', () => {
    for (const instructions of ['', '   ', '\n\t ']) {
      const r = createTaskInput.safeParse({ projectId: 'p', instructions });
      expect(r.success, JSON.stringify(instructions)).toBe(false);
      expect(messages(r)).toContain('instructions must not be empty');
    }
    expect(createTaskInput.safeParse({ projectId: 'p' }).success).toBe(false);
  });

  it('accepts instructions of exactly 1 MB and rejects more, counting UTF-8 bytes', () => {
    const max = 'a'.repeat(MAX_INSTRUCTIONS_BYTES);
    expect(MAX_INSTRUCTIONS_BYTES).toBe(1_000_000);
    expect(createTaskInput.safeParse({ projectId: 'p', instructions: max }).success).toBe(true);
    const over = createTaskInput.safeParse({ projectId: 'p', instructions: `${max}a` });
    expect(over.success).toBe(false);
    expect(messages(over)).toContain('instructions must be at most 1000000 bytes');
    // 500 001 two-byte characters: under a million characters, over a million bytes.
    const wide = 'é'.repeat(500_001);
    expect(createTaskInput.safeParse({ projectId: 'p', instructions: wide }).success).toBe(false);
  });

  it('projectId and projectPath together is an error', () => {
    const r = createTaskInput.safeParse({ projectId: 'p', projectPath: '/p', instructions: 'x' });
    expect(r.success).toBe(false);
    expect(messages(r)).toContain('give projectId or projectPath, not both');
  });

  it('neither projectId, projectPath nor parentId is an error', () => {
    for (const extra of [{}, { parentId: null }]) {
      const r = createTaskInput.safeParse({ instructions: 'x', ...extra });
      expect(r.success).toBe(false);
      expect(messages(r)).toContain('projectId or projectPath is required');
    }
  });

  it('bounds priority', () => {
    const p = (priority: number): boolean =>
      createTaskInput.safeParse({ projectId: 'p', instructions: 'x', priority }).success;
    expect(p(-1000)).toBe(true);
    expect(p(1000)).toBe(true);
    expect(p(1001)).toBe(false);
    expect(p(1.5)).toBe(false);
  });
});

describe('other input schemas', () => {
  it('agentConfigInput validates values', () => {
    expect(agentConfigInput.safeParse({ permissionMode: 'yolo' }).success).toBe(false);
    expect(agentConfigInput.safeParse({ maxBudgetUsd: 0 }).success).toBe(false);
    expect(agentConfigInput.safeParse({ timeoutSeconds: 1.5 }).success).toBe(false);
    expect(agentConfigInput.safeParse({ allowedTools: [''] }).success).toBe(false);
    expect(agentConfigInput.safeParse({}).success).toBe(true);
  });

  it('answerInput trims and refuses a blank answer', () => {
    expect(answerInput.parse({ id: 't', answer: '  blue ' })).toEqual({ id: 't', answer: 'blue' });
    expect(answerInput.safeParse({ id: 't', answer: '   ' }).success).toBe(false);
  });

  it('settingsPatch is partial but strict', () => {
    expect(settingsPatch.parse({})).toEqual({});
    expect(settingsPatch.safeParse({ maxConcurrency: 3 }).success).toBe(true);
    expect(settingsPatch.safeParse({ maxConcurrency: 0 }).success).toBe(false);
    expect(settingsPatch.safeParse({ maxConcurency: 3 }).success).toBe(false);
  });

  it('every request schema rejects unknown fields', () => {
    expect(listTasksInput.safeParse({ sate: 'QUEUED' }).success).toBe(false);
    expect(listTasksInput.safeParse({ state: 'NOPE' }).success).toBe(false);
    expect(addProjectInput.safeParse({ path: '/p', colour: 'red' }).success).toBe(false);
    expect(readLogInput.safeParse({ executionId: 'e', stream: 'stdout', whence: 0 }).success).toBe(
      false,
    );
    expect(readLogInput.safeParse({ executionId: 'e', stream: 'stdin' }).success).toBe(false);
    expect(listEventsInput.safeParse({ executionId: 'e', afterSeq: -2 }).success).toBe(false);
    expect(listEventsInput.safeParse({ executionId: 'e', afterSeq: -1 }).success).toBe(true);
  });
});
