import type { AgentConfig, PermissionMode } from '../../../src-shared/domain';
import { withPlanningPreamble } from '../preamble';

interface RunBase {
  sessionId: string;
  agent: AgentConfig;
  defaultPermissionMode: PermissionMode;
  defaultModel: string | null;
  mcpConfigFile: string | null;
  /** What the task has cost so far; a resume gets only the rest of its budget. */
  spentUsd: number;
}

export interface FreshRun extends RunBase {
  kind: 'fresh';
  instructions: string;
}

export interface ResumeRun extends RunBase {
  kind: 'resume';
  prompt: string;
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

/** The smallest budget worth passing: below it the CLI would stop at once. */
const MIN_BUDGET_USD = 0.01;

/**
 * The claude command line, as an argument array (never through a shell).
 * A resume repeats the task's limits — tools, directories, budget, system
 * prompt — since the CLI keeps none of them in the session: without them an
 * answered or rate-limited task would run unrestricted.
 */
export function buildArgs(run: FreshRun | ResumeRun): AgentCommand {
  const { agent } = run;
  // Unattended runs default to bypassPermissions: a permission prompt would stall forever.
  const permissionMode = agent.permissionMode ?? run.defaultPermissionMode;
  const model = agent.model ?? run.defaultModel;
  const allowedTools = [...agent.allowedTools];
  // The preamble's API calls and question file need a shell.
  if (!agent.skipPlanning && !allowedTools.includes('Bash')) allowedTools.push('Bash');

  const args =
    run.kind === 'resume'
      ? ['-p', '--resume', run.sessionId]
      : ['-p', '--session-id', run.sessionId];
  args.push('--output-format', 'stream-json', '--verbose');
  if (model) args.push('--model', model);
  if (agent.maxBudgetUsd !== null) {
    const left = Math.max(MIN_BUDGET_USD, agent.maxBudgetUsd - run.spentUsd);
    args.push('--max-budget-usd', String(Math.round(left * 10_000) / 10_000));
  }
  args.push('--permission-mode', permissionMode);
  if (agent.systemPromptAppend) args.push('--append-system-prompt', agent.systemPromptAppend);
  for (const tool of allowedTools) args.push('--allowedTools', tool);
  for (const tool of agent.disallowedTools) args.push('--disallowedTools', tool);
  for (const dir of agent.contextDirs) args.push('--add-dir', dir);
  if (run.mcpConfigFile) args.push('--mcp-config', run.mcpConfigFile);
  args.push(...agent.additionalArgs);

  if (run.kind === 'resume') return { args, prompt: run.prompt };
  const prompt = agent.skipPlanning ? run.instructions : withPlanningPreamble(run.instructions);
  return { args, prompt };
}
