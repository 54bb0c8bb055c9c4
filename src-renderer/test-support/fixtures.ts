import type {
  Execution,
  Project,
  QueueState,
  Settings,
  Task,
  TaskDetail,
  TranscriptEvent,
} from '../../src-shared/domain';

let n = 0;
const nextId = (prefix: string): string => `${prefix}-${++n}`;

export function makeProject(patch: Partial<Project> = {}): Project {
  const id = patch.id ?? nextId('project');
  return {
    id,
    name: id,
    path: `/work/${id}`,
    useOrigin: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

export function makeTask(patch: Partial<Task> = {}): Task {
  const id = patch.id ?? nextId('task');
  return {
    id,
    projectId: 'p1',
    parentId: null,
    name: `Task ${id}`,
    instructions: `Do ${id}`,
    priority: 0,
    agent: {
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
    },
    state: 'QUEUED',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    sandboxDir: null,
    sessionId: null,
    question: null,
    summary: null,
    error: null,
    costUsd: 0,
    retryAt: null,
    rateLimitAttempts: 0,
    landedBranch: null,
    rev: 1,
    ...patch,
  };
}

export function makeExecution(patch: Partial<Execution> = {}): Execution {
  const id = patch.id ?? nextId('exec');
  return {
    id,
    taskId: 't1',
    kind: 'fresh',
    state: 'RUNNING',
    sessionId: `session-${id}`,
    prompt: 'do it',
    sandboxDir: '/tmp/sandbox',
    startHead: null,
    stdoutPath: '/logs/stdout.log',
    stderrPath: '/logs/stderr.log',
    artifactDir: '/logs',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: null,
    exitCode: null,
    costUsd: 0,
    numTurns: null,
    durationMs: null,
    error: null,
    summary: null,
    commits: [],
    ...patch,
  };
}

export function makeDetail(task: Task, patch: Partial<TaskDetail> = {}): TaskDetail {
  return { task, executions: [], subtasks: [], history: [], questions: [], ...patch };
}

export function makeQueue(patch: Partial<QueueState> = {}): QueueState {
  return {
    running: 0,
    queued: 0,
    blocked: 0,
    rateLimited: 0,
    maxConcurrency: 2,
    pausedUntil: null,
    pauseReason: null,
    ...patch,
  };
}

export function makeSettings(patch: Partial<Settings> = {}): Settings {
  return {
    maxConcurrency: 2,
    claudeBin: 'claude',
    defaultModel: null,
    defaultPermissionMode: 'bypassPermissions',
    defaultTimeoutSeconds: 0,
    quotaPauseMinutes: 60,
    notifyOnComplete: false,
    notifyOnFail: true,
    ...patch,
  };
}

/** A transcript event whose data is the given stream-json object (type taken from it). */
export function makeEvent(
  executionId: string,
  seq: number,
  data: unknown,
  patch: Partial<TranscriptEvent> = {},
): TranscriptEvent {
  const obj = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return {
    executionId,
    seq,
    offset: seq * 100,
    length: 100,
    type: typeof obj.type === 'string' ? obj.type : '_raw',
    subtype: typeof obj.subtype === 'string' ? obj.subtype : null,
    data,
    ...patch,
  };
}
