// Domain types shared by the main process, the HTTP API and the renderer.
// Plain data only: everything here crosses a process boundary as JSON.

export const TASK_STATES = [
  'PENDING',
  'QUEUED',
  'RUNNING',
  'RATE_LIMITED',
  'WAITING',
  'BLOCKED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMED_OUT',
  'BUDGET_EXCEEDED',
  'INTERRUPTED',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * Every allowed state change. PENDING is a subtask waiting its turn;
 * RATE_LIMITED waits for a backoff before resuming its session; WAITING is a
 * parent waiting for the subtasks its agent created; INTERRUPTED is a task the
 * app found RUNNING at start-up (it died) and can be resumed from its session.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskState, readonly TaskState[]>> = {
  PENDING: ['QUEUED', 'CANCELLED'],
  QUEUED: ['RUNNING', 'CANCELLED'],
  RUNNING: [
    'COMPLETED',
    'FAILED',
    'BLOCKED',
    'CANCELLED',
    'TIMED_OUT',
    'BUDGET_EXCEEDED',
    'RATE_LIMITED',
    'WAITING',
    'INTERRUPTED',
    // quota exhaustion puts the task back in line while the queue pauses
    'QUEUED',
  ],
  RATE_LIMITED: ['QUEUED', 'CANCELLED', 'INTERRUPTED'],
  WAITING: ['COMPLETED', 'FAILED', 'CANCELLED'],
  // COMPLETED from a stopped state: the user landed the sandbox after taking it over.
  BLOCKED: ['QUEUED', 'CANCELLED', 'COMPLETED'],
  COMPLETED: [],
  FAILED: ['QUEUED', 'COMPLETED'],
  CANCELLED: ['QUEUED', 'COMPLETED'],
  TIMED_OUT: ['QUEUED', 'COMPLETED'],
  BUDGET_EXCEEDED: ['QUEUED', 'COMPLETED'],
  INTERRUPTED: ['QUEUED', 'CANCELLED', 'COMPLETED'],
};

export function canTransition(from: TaskState, to: TaskState): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/** States in which nothing will happen to a task without a person acting. */
export const FINAL_STATES: readonly TaskState[] = [
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMED_OUT',
  'BUDGET_EXCEEDED',
];

export const PERMISSION_MODES = [
  'default',
  'acceptEdits',
  'bypassPermissions',
  'plan',
  'dontAsk',
] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export interface AgentConfig {
  model: string | null;
  permissionMode: PermissionMode | null;
  maxBudgetUsd: number | null;
  allowedTools: string[];
  disallowedTools: string[];
  skipPlanning: boolean;
  systemPromptAppend: string | null;
  contextDirs: string[];
  additionalArgs: string[];
  timeoutSeconds: number | null;
}

export interface Project {
  id: string;
  name: string;
  path: string;
  /** Clone from (and land on) `origin` when the project has no `local` remote. */
  useOrigin: boolean;
  createdAt: string;
}

export interface Question {
  text: string;
  options: string[];
}

export interface Commit {
  hash: string;
  subject: string;
}

export type Actor = 'user' | 'agent' | 'system';

export interface Task {
  id: string;
  projectId: string;
  parentId: string | null;
  name: string;
  instructions: string;
  priority: number;
  agent: AgentConfig;
  state: TaskState;
  createdAt: string;
  updatedAt: string;
  /** The sandbox the task's session lives in, kept while it may resume. */
  sandboxDir: string | null;
  /** The claude session the task continues on resume. */
  sessionId: string | null;
  question: Question | null;
  summary: string | null;
  error: string | null;
  costUsd: number;
  /** When a rate-limited task will be retried. */
  retryAt: string | null;
  rateLimitAttempts: number;
  /** Branch in the user's working copy that holds the task's commits. */
  landedBranch: string | null;
  /**
   * Grows with every change. A task reaches the UI both in replies and in
   * events, in either order: keep the one with the higher revision.
   */
  rev: number;
}

export const EXECUTION_STATES = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'BLOCKED',
  'CANCELLED',
  'TIMED_OUT',
  'BUDGET_EXCEEDED',
  'RATE_LIMITED',
  'QUOTA_EXHAUSTED',
  'INTERRUPTED',
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

export interface Execution {
  id: string;
  taskId: string;
  kind: 'fresh' | 'resume';
  state: ExecutionState;
  sessionId: string;
  /** The prompt given: instructions for a fresh run, the answer for a resume. */
  prompt: string;
  sandboxDir: string | null;
  startHead: string | null;
  stdoutPath: string;
  stderrPath: string;
  artifactDir: string;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  costUsd: number;
  numTurns: number | null;
  durationMs: number | null;
  error: string | null;
  summary: string | null;
  commits: Commit[];
}

export interface HistoryEntry {
  id: number;
  taskId: string;
  from: TaskState | null;
  to: TaskState;
  actor: Actor;
  reason: string | null;
  at: string;
}

export interface QuestionRecord {
  id: number;
  taskId: string;
  executionId: string;
  question: Question;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

/** One parsed stream-json line of an execution's stdout. */
export interface TranscriptEvent {
  executionId: string;
  seq: number;
  /** Byte range of the line in stdout.log. */
  offset: number;
  length: number;
  type: string;
  subtype: string | null;
  /** The parsed line; null when it was too large to ship (read the log range). */
  data: unknown;
}

export interface TaskDetail {
  task: Task;
  executions: Execution[];
  subtasks: Task[];
  history: HistoryEntry[];
  questions: QuestionRecord[];
}

export interface QueueState {
  running: number;
  queued: number;
  blocked: number;
  rateLimited: number;
  maxConcurrency: number;
  pausedUntil: string | null;
  pauseReason: string | null;
}

export interface Settings {
  maxConcurrency: number;
  claudeBin: string;
  defaultModel: string | null;
  defaultPermissionMode: PermissionMode;
  /** Used when a task sets no timeout; 0 means none. */
  defaultTimeoutSeconds: number;
  /** How long to pause when quota runs out and the CLI gives no reset time. */
  quotaPauseMinutes: number;
  notifyOnComplete: boolean;
  notifyOnFail: boolean;
}

export type LogStream = 'stdout' | 'stderr';

export interface LogChunk {
  data: string;
  encoding: 'utf8' | 'base64';
  offset: number;
  nextOffset: number;
  size: number;
  eof: boolean;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  /** 'desktop' in the Electron window, 'browser' when served by `serve`. */
  mode: 'desktop' | 'browser';
  platform: string;
}

export interface ClaudeCheck {
  ok: boolean;
  bin: string;
  /** What `claude --version` printed, when it ran. */
  version: string | null;
  error: string | null;
}

export interface CommitDiff {
  hash: string;
  /** `git show` of the commit: header and patch. */
  diff: string;
  truncated: boolean;
}

export interface MergeResult {
  branch: string;
  into: string;
  fastForward: boolean;
}

/** A shell in a task's sandbox, or `claude --resume` taking over its session. */
export type TerminalKind = 'shell' | 'takeover';

/** Task states a user may take over: the agent is not running and its session is kept. */
export const TAKEOVER_STATES: readonly TaskState[] = [
  'BLOCKED',
  'FAILED',
  'CANCELLED',
  'TIMED_OUT',
  'INTERRUPTED',
  'BUDGET_EXCEEDED',
];

export interface TerminalInfo {
  id: string;
  taskId: string;
  kind: TerminalKind;
  title: string;
  cwd: string;
  cols: number;
  rows: number;
  running: boolean;
  exitCode: number | null;
  signal: number | null;
}

/** What a terminal printed so far (up to its scrollback limit), from `offset` on. */
export interface TerminalScrollback {
  id: string;
  offset: number;
  data: string;
}
