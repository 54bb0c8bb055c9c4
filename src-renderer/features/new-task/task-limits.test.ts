// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createTaskInput, MAX_INSTRUCTIONS_BYTES } from '../../../src-shared/schemas';
import { EMPTY_DRAFT, type TaskDraft } from '../../stores/new-task-draft-store';
import { LIMITS } from './task-limits';
import { splitTools, validateDraft } from './validate-task-form';

const draft = (patch: Partial<TaskDraft>): TaskDraft => ({
  ...EMPTY_DRAFT,
  projectId: 'p1',
  instructions: 'do it',
  ...patch,
});

/** The form and the API agree: what the form accepts the schema accepts, and the reverse. */
function agree(patch: Partial<TaskDraft>): { form: boolean; schema: boolean } {
  const { params } = validateDraft(draft(patch));
  const schema = params ? createTaskInput.safeParse(params).success : null;
  return { form: params !== null, schema: schema ?? false };
}

describe('the form checks what the createTaskInput schema checks', () => {
  it('uses the same limits', () => {
    expect(LIMITS.instructionsMaxBytes).toBe(MAX_INSTRUCTIONS_BYTES);
  });

  it.each([
    ['budget at the maximum', { budgetUsd: String(LIMITS.budgetMax) }],
    ['timeout of 7 days', { timeoutMinutes: String(LIMITS.timeoutMaxSeconds / 60) }],
    ['priority at both ends', { priority: String(LIMITS.priorityMin) }],
    ['priority max', { priority: String(LIMITS.priorityMax) }],
    ['a long model name', { model: 'm'.repeat(LIMITS.modelMax) }],
    ['a name at its limit', { name: 'n'.repeat(LIMITS.nameMax) }],
    ['tools', { allowedTools: 'Bash(git log:*), Edit\nRead', disallowedTools: 'WebFetch' }],
    ['context dirs', { contextDirs: '/a\n/b/c' }],
    [
      'everything',
      { model: 'opus', permissionMode: 'plan', skipPlanning: true, systemPromptAppend: 'be brief' },
    ],
  ])('accepts %s, as the schema does', (_, patch) => {
    expect(agree(patch)).toEqual({ form: true, schema: true });
  });

  it.each([
    ['empty instructions', { instructions: '   ' }, 'instructions'],
    ['no project', { projectId: '' }, 'projectId'],
    ['budget of zero', { budgetUsd: '0' }, 'budgetUsd'],
    ['budget over the maximum', { budgetUsd: String(LIMITS.budgetMax + 1) }, 'budgetUsd'],
    ['budget that is not a number', { budgetUsd: 'ten' }, 'budgetUsd'],
    [
      'timeout over 7 days',
      { timeoutMinutes: String(LIMITS.timeoutMaxSeconds / 60 + 1) },
      'timeoutMinutes',
    ],
    ['negative timeout', { timeoutMinutes: '-5' }, 'timeoutMinutes'],
    ['fractional priority', { priority: '1.5' }, 'priority'],
    ['priority out of range', { priority: String(LIMITS.priorityMax + 1) }, 'priority'],
    ['a relative context dir', { contextDirs: 'src/lib' }, 'contextDirs'],
    ['a model name too long', { model: 'm'.repeat(LIMITS.modelMax + 1) }, 'model'],
    ['a name too long', { name: 'n'.repeat(LIMITS.nameMax + 1) }, 'name'],
    ['a tool name too long', { allowedTools: 'x'.repeat(LIMITS.toolMax + 1) }, 'allowedTools'],
  ])('rejects %s', (_, patch, field) => {
    const { params, errors } = validateDraft(draft(patch));
    expect(params).toBeNull();
    expect(Object.keys(errors)).toContain(field);
  });

  it('rejects instructions over the byte limit counted in UTF-8', () => {
    const text = 'é'.repeat(MAX_INSTRUCTIONS_BYTES / 2 + 1); // 2 bytes each
    expect(validateDraft(draft({ instructions: text })).errors.instructions).toBeDefined();
    expect(createTaskInput.safeParse({ projectId: 'p', instructions: text }).success).toBe(false);
  });

  it('splits tools on commas outside parentheses and on newlines', () => {
    expect(splitTools('Bash(git log:*, git diff:*), Edit\n Read ,')).toEqual([
      'Bash(git log:*, git diff:*)',
      'Edit',
      'Read',
    ]);
  });

  it('converts the timeout to seconds and sends only what was set', () => {
    const { params } = validateDraft(draft({ timeoutMinutes: '1.5', priority: '0' }));
    expect(params).toEqual({
      projectId: 'p1',
      instructions: 'do it',
      agent: { timeoutSeconds: 90 },
    });
  });
});
