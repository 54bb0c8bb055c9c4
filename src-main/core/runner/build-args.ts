import type { AgentConfig, PermissionMode } from '../../../src-shared/domain';
import { withPlanningPreamble } from '../preamble';

export interface FreshRun {
  kind: 'fresh';
  instructions: string;
  sessionId: string;
  agent: AgentConfig;
  defaultPermissionMode: PermissionMode;
  defaultModel: string | null;
  mcpConfigFile: string | null;
}

export interface ResumeRun {
  kind: 'resume';
  prompt: string;
  sessionId: string;
  agent: AgentConfig;
  defaultPermissionMode: PermissionMode;
  defaultModel: string | null;
  mcpConfigFile: string | null;
}

export interface AgentCommand {
  args: string[];
  /**
   * The prompt, written to the CLI's stdin rather than passed as an argument:
   * an argument is capped at 128 KB by the kernel, and one that starts with
   * "-" would be read as an option.
   */
  prompt: string;
}

/** The claude command line, as an argument array (never through a shell). */
export function buildArgs(run: FreshRun | ResumeRun): AgentCommand {
  const { agent } = run;
  // Unattended runs default to bypassPermissions: a permission prompt would stall forever.
  const permissionMode = agent.permissionMode ?? run.defaultPermissionMode;
  const model = agent.model ?? run.defaultModel;
  if (run.kind === 'resume') {
    const args = [
      '-p',
      '--resume',
      run.sessionId,
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-mode',
      permissionMode,
    ];
    if (model) args.push('--model', model);
    if (run.mcpConfigFile) args.push('--mcp-config', run.mcpConfigFile);
    return { args, prompt: run.prompt };
  }
  let instructions = run.instructions;
  const allowedTools = [...agent.allowedTools];
  if (!agent.skipPlanning) {
    instructions = withPlanningPreamble(instructions);
    // The preamble's API calls and question file need a shell.
    if (!allowedTools.includes('Bash')) allowedTools.push('Bash');
  }
  const args = ['-p', '--session-id', run.sessionId, '--output-format', 'stream-json', '--verbose'];
  if (model) args.push('--model', model);
  if (agent.maxBudgetUsd !== null) args.push('--max-budget-usd', String(agent.maxBudgetUsd));
  args.push('--permission-mode', permissionMode);
  if (agent.systemPromptAppend) args.push('--append-system-prompt', agent.systemPromptAppend);
  for (const tool of allowedTools) args.push('--allowedTools', tool);
  for (const tool of agent.disallowedTools) args.push('--disallowedTools', tool);
  for (const dir of agent.contextDirs) args.push('--add-dir', dir);
  if (run.mcpConfigFile) args.push('--mcp-config', run.mcpConfigFile);
  args.push(...agent.additionalArgs);
  return { args, prompt: instructions };
}
