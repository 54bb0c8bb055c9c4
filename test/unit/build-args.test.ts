import { describe, expect, it } from 'vitest';
import type { AgentConfig } from '../../src-shared/domain';
import { buildArgs, type FreshRun, type ResumeRun } from '../../src-main/core/runner/build-args';
import { PREAMBLE_MARKER, withPlanningPreamble } from '../../src-main/core/preamble';

const SID = '11111111-2222-3333-4444-555555555555';

const agent = (over: Partial<AgentConfig> = {}): AgentConfig => ({
  model: null,
  permissionMode: null,
  maxBudgetUsd: null,
  allowedTools: [],
  disallowedTools: [],
  skipPlanning: false,
  systemPromptAppend: null,
  contextDirs: [],
  additionalArgs: [],
  timeoutSeconds: null,
  ...over,
});

const fresh = (over: Partial<FreshRun> = {}): FreshRun => ({
  kind: 'fresh',
  instructions: 'Fix the bug',
  sessionId: SID,
  agent: agent(),
  defaultPermissionMode: 'bypassPermissions',
  defaultModel: null,
  mcpConfigFile: null,
  spentUsd: 0,
  ...over,
});

const resume = (over: Partial<ResumeRun> = {}): ResumeRun => ({
  kind: 'resume',
  prompt: 'Use blue',
  sessionId: SID,
  agent: agent(),
  defaultPermissionMode: 'bypassPermissions',
  defaultModel: null,
  mcpConfigFile: null,
  spentUsd: 0,
  ...over,
});

describe('buildArgs: fresh run', () => {
  it('minimal: planning preamble, Bash allowed, default permission mode', () => {
    const cmd = buildArgs(fresh());
    expect(cmd.args).toEqual([
      '-p',
      '--session-id',
      SID,
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'bypassPermissions',
      '--allowedTools',
      'Bash',
    ]);
    expect(cmd.prompt).toBe(withPlanningPreamble('Fix the bug'));
    expect(cmd.prompt.startsWith(PREAMBLE_MARKER)).toBe(true);
    expect(cmd.prompt.endsWith('\nFix the bug')).toBe(true);
  });

  it('everything set, in order', () => {
    const cmd = buildArgs(
      fresh({
        agent: agent({
          model: 'claude-opus-4',
          permissionMode: 'acceptEdits',
          maxBudgetUsd: 2.5,
          allowedTools: ['Read', 'Edit'],
          disallowedTools: ['WebFetch', 'WebSearch'],
          systemPromptAppend: 'Be brief.',
          contextDirs: ['/ctx/a', '/ctx/b'],
          additionalArgs: ['--max-turns', '5'],
        }),
        defaultModel: 'ignored-default',
        mcpConfigFile: '/art/mcp.json',
      }),
    );
    expect(cmd.args).toEqual([
      '-p',
      '--session-id',
      SID,
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'claude-opus-4',
      '--max-budget-usd',
      '2.5',
      '--permission-mode',
      'acceptEdits',
      '--append-system-prompt',
      'Be brief.',
      '--allowedTools',
      'Read',
      '--allowedTools',
      'Edit',
      '--allowedTools',
      'Bash',
      '--disallowedTools',
      'WebFetch',
      '--disallowedTools',
      'WebSearch',
      '--add-dir',
      '/ctx/a',
      '--add-dir',
      '/ctx/b',
      '--mcp-config',
      '/art/mcp.json',
      '--max-turns',
      '5',
    ]);
  });

  it('never puts the prompt in the arguments (it goes to stdin), so variadic flags cannot eat it', () => {
    const instructions = '--dangerous-looking prompt';
    const cmd = buildArgs(
      fresh({ instructions, agent: agent({ skipPlanning: true, contextDirs: ['/x'] }) }),
    );
    expect(cmd.args[0]).toBe('-p');
    expect(cmd.args[1]).toBe('--session-id');
    expect(cmd.args).not.toContain(instructions);
    expect(cmd.prompt).toBe(instructions);
  });

  it('skipPlanning: instructions as given, and Bash not added', () => {
    const cmd = buildArgs(fresh({ agent: agent({ skipPlanning: true, allowedTools: ['Read'] }) }));
    expect(cmd.prompt).toBe('Fix the bug');
    expect(cmd.args.filter((a, i) => cmd.args[i - 1] === '--allowedTools')).toEqual(['Read']);
    expect(cmd.args).not.toContain('Bash');
  });

  it('skipPlanning with no tools has no --allowedTools at all', () => {
    expect(buildArgs(fresh({ agent: agent({ skipPlanning: true }) })).args).not.toContain(
      '--allowedTools',
    );
  });

  it('does not add Bash twice when it is already allowed, nor change the task’s list', () => {
    const allowedTools = ['Bash', 'Read'];
    const cmd = buildArgs(fresh({ agent: agent({ allowedTools }) }));
    expect(cmd.args.filter((a) => a === 'Bash')).toHaveLength(1);
    const extra = buildArgs(fresh({ agent: agent({ allowedTools: ['Read'] }) }));
    expect(extra.args.filter((a) => a === 'Bash')).toHaveLength(1);
    expect(allowedTools).toEqual(['Bash', 'Read']);
    const kept = ['Read'];
    buildArgs(fresh({ agent: agent({ allowedTools: kept }) }));
    expect(kept).toEqual(['Read']);
  });

  it('takes the model from the settings default when the task sets none', () => {
    const args = buildArgs(fresh({ defaultModel: 'claude-sonnet-4-5' })).args;
    expect(args.slice(args.indexOf('--model'), args.indexOf('--model') + 2)).toEqual([
      '--model',
      'claude-sonnet-4-5',
    ]);
    expect(buildArgs(fresh()).args).not.toContain('--model');
  });

  it('takes the permission mode from the settings default when the task sets none', () => {
    const args = buildArgs(fresh({ defaultPermissionMode: 'plan' })).args;
    expect(args[args.indexOf('--permission-mode') + 1]).toBe('plan');
    const own = buildArgs(
      fresh({ defaultPermissionMode: 'plan', agent: agent({ permissionMode: 'dontAsk' }) }),
    ).args;
    expect(own[own.indexOf('--permission-mode') + 1]).toBe('dontAsk');
  });

  it('formats --max-budget-usd as a plain number', () => {
    const budget = (maxBudgetUsd: number): string | undefined => {
      const args = buildArgs(fresh({ agent: agent({ maxBudgetUsd }) })).args;
      return args[args.indexOf('--max-budget-usd') + 1];
    };
    expect(budget(10)).toBe('10');
    expect(budget(0.25)).toBe('0.25');
    expect(budget(1234.5)).toBe('1234.5');
    expect(buildArgs(fresh()).args).not.toContain('--max-budget-usd');
  });

  it('never has --resume', () => {
    expect(buildArgs(fresh({ mcpConfigFile: '/m.json' })).args).not.toContain('--resume');
  });
});

describe('buildArgs: resume run', () => {
  it('minimal: the session, and Bash kept for the preamble the session started with', () => {
    const cmd = buildArgs(resume());
    expect(cmd.args).toEqual([
      '-p',
      '--resume',
      SID,
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      'bypassPermissions',
      '--allowedTools',
      'Bash',
    ]);
    expect(cmd.prompt).toBe('Use blue');
    expect(cmd.prompt).not.toContain(PREAMBLE_MARKER);
  });

  it('repeats every limit of the task, with only the budget that is left', () => {
    const cmd = buildArgs(
      resume({
        agent: agent({
          model: 'm1',
          permissionMode: 'acceptEdits',
          maxBudgetUsd: 2,
          allowedTools: ['Read'],
          disallowedTools: ['WebFetch'],
          systemPromptAppend: 'be brief',
          contextDirs: ['/ctx'],
          additionalArgs: ['--x'],
        }),
        mcpConfigFile: '/art/mcp.json',
        spentUsd: 0.75,
      }),
    );
    expect(cmd.args).toEqual([
      '-p',
      '--resume',
      SID,
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'm1',
      '--max-budget-usd',
      '1.25',
      '--permission-mode',
      'acceptEdits',
      '--append-system-prompt',
      'be brief',
      '--allowedTools',
      'Read',
      '--allowedTools',
      'Bash',
      '--disallowedTools',
      'WebFetch',
      '--add-dir',
      '/ctx',
      '--mcp-config',
      '/art/mcp.json',
      '--x',
    ]);
  });

  it('never passes a budget below a cent, even when it is spent', () => {
    const args = buildArgs(resume({ agent: agent({ maxBudgetUsd: 1 }), spentUsd: 3 })).args;
    expect(args[args.indexOf('--max-budget-usd') + 1]).toBe('0.01');
  });

  it('takes model from the settings default and never passes --session-id', () => {
    const args = buildArgs(resume({ defaultModel: 'dm' })).args;
    expect(args.slice(6, 8)).toEqual(['--model', 'dm']);
    expect(args).not.toContain('--session-id');
    expect(args).not.toContain('Use blue');
  });
});
