import path from 'node:path';
// The agent gets an environment we chose, not everything the app has: the
// basics a shell and git need, the variables Claude Code itself reads, and
// Claudomator's own contract variables.

const PASS_EXACT = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TMPDIR',
  'TZ',
  'SSH_AUTH_SOCK',
  'IS_SANDBOX',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'CLOUD_ML_REGION',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
]);
const PASS_PREFIXES = ['LC_', 'XDG_', 'ANTHROPIC_', 'CLAUDE_', 'DISABLE_', 'MCP_', 'AWS_'];

export interface AgentContract {
  apiUrl: string;
  apiToken: string;
  taskId: string;
  /** Lets a restarted Claudomator find processes a crash orphaned. */
  executionId: string;
  projectDir: string;
  questionFile: string;
  summaryFile: string;
}

/** Where an execution's agent writes its question and its summary (inside its artifact dir). */
export function contractFiles(artifactDir: string): { questionFile: string; summaryFile: string } {
  return {
    questionFile: path.join(artifactDir, 'question.json'),
    summaryFile: path.join(artifactDir, 'summary.txt'),
  };
}

export function agentEnv(
  parent: NodeJS.ProcessEnv,
  contract: AgentContract,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (PASS_EXACT.has(key) || PASS_PREFIXES.some((p) => key.startsWith(p))) env[key] = value;
  }
  Object.assign(env, extra);
  env.CLAUDOMATOR_API_URL = contract.apiUrl;
  env.CLAUDOMATOR_API_TOKEN = contract.apiToken;
  env.CLAUDOMATOR_TASK_ID = contract.taskId;
  env.CLAUDOMATOR_EXECUTION_ID = contract.executionId;
  env.CLAUDOMATOR_PROJECT_DIR = contract.projectDir;
  env.CLAUDOMATOR_QUESTION_FILE = contract.questionFile;
  env.CLAUDOMATOR_SUMMARY_FILE = contract.summaryFile;
  return env;
}
