// The one conversation between UI and main process, declared once. Both
// transports (Electron IPC, WebSocket in `serve` mode) and the HTTP API bind
// these channels; adding one here makes the type checker find every handler
// and client that must follow.
import type { z } from 'zod';
import type {
  AppInfo,
  ClaudeCheck,
  CommitDiff,
  MergeResult,
  LogChunk,
  Project,
  QueueState,
  Settings,
  Task,
  TaskDetail,
  TranscriptEvent,
  Question,
  LogStream,
  TerminalInfo,
  TerminalScrollback,
} from './domain';
import {
  addProjectInput,
  answerInput,
  checkClaudeInput,
  commitDiffInput,
  createTaskInput,
  emptyInput,
  idInput,
  listEventsInput,
  listTasksInput,
  listTerminalsInput,
  openTerminalInput,
  resizeTerminalInput,
  terminalInputInput,
  readLogInput,
  settingsPatch,
} from './schemas';

export interface TaskPage {
  tasks: Task[];
  total: number;
}

export interface EventPage {
  events: TranscriptEvent[];
  /** The last seq stored so far; more may come while the execution runs. */
  lastSeq: number;
}

export interface Health {
  ok: true;
  version: string;
}

/** Channel → [params schema, result type]. */
export const requestSchemas = {
  'app.health': emptyInput,
  'app.info': emptyInput,
  'app.checkClaude': checkClaudeInput,
  'projects.list': emptyInput,
  'projects.add': addProjectInput,
  'projects.remove': idInput,
  'tasks.list': listTasksInput,
  'tasks.get': idInput,
  'tasks.create': createTaskInput,
  'tasks.cancel': idInput,
  'tasks.answer': answerInput,
  'tasks.retry': idInput,
  'tasks.delete': idInput,
  'tasks.merge': idInput,
  'commits.diff': commitDiffInput,
  'executions.readLog': readLogInput,
  'executions.events': listEventsInput,
  'settings.get': emptyInput,
  'settings.set': settingsPatch,
  'queue.state': emptyInput,
  'tasks.land': idInput,
  'terminals.open': openTerminalInput,
  'terminals.input': terminalInputInput,
  'terminals.resize': resizeTerminalInput,
  'terminals.close': idInput,
  'terminals.list': listTerminalsInput,
  'terminals.scrollback': idInput,
} as const;

export interface RequestResults {
  'app.health': Health;
  'app.info': AppInfo;
  'app.checkClaude': ClaudeCheck;
  'projects.list': Project[];
  'projects.add': Project;
  'projects.remove': { ok: true };
  'tasks.list': TaskPage;
  'tasks.get': TaskDetail;
  'tasks.create': Task;
  'tasks.cancel': Task;
  'tasks.answer': Task;
  'tasks.retry': Task;
  'tasks.delete': { ok: true };
  'tasks.merge': MergeResult;
  'commits.diff': CommitDiff;
  'executions.readLog': LogChunk;
  'executions.events': EventPage;
  'settings.get': Settings;
  'settings.set': Settings;
  'queue.state': QueueState;
  /** Lands a stopped task's sandbox now (after a take-over): the normal teardown. */
  'tasks.land': Task;
  'terminals.open': TerminalInfo;
  'terminals.input': { ok: true };
  'terminals.resize': TerminalInfo;
  'terminals.close': { ok: true };
  'terminals.list': TerminalInfo[];
  'terminals.scrollback': TerminalScrollback;
}

export type Channel = keyof typeof requestSchemas;
export type RequestParams<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ValidParams<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type RequestResult<C extends Channel> = RequestResults[C];

/** What a handler receives besides its params: who is asking. */
export interface CallerContext {
  /** 'agent' when the request came from an agent's own API token use. */
  actor: 'user' | 'agent';
}

export type Handlers = {
  [C in Channel]: (params: ValidParams<C>, ctx: CallerContext) => Promise<RequestResult<C>>;
};

/** Main → UI pushes. */
export interface EventPayloads {
  'task.updated': Task;
  'task.deleted': { id: string };
  'task.blocked': { task: Task; question: Question };
  'execution.output': {
    executionId: string;
    taskId: string;
    stream: LogStream;
    offset: number;
    chunk: string;
  };
  'execution.events': { executionId: string; taskId: string; events: TranscriptEvent[] };
  'queue.state': QueueState;
  'project.added': Project;
  'project.removed': { id: string };
  /** A terminal's output; `offset` counts characters since it started (a gap means output was dropped). */
  'terminal.output': { id: string; taskId: string; offset: number; data: string };
  'terminal.exit': TerminalInfo;
  /** The desktop shell asks the UI to do something (menu item, tray, notification click). */
  'ui.command': UiCommand;
}

export type UiCommand =
  | { command: 'newTask' }
  | { command: 'focusSearch' }
  | { command: 'openSettings' }
  | { command: 'openTask'; taskId: string };

/** What only the desktop shell can do; absent in browser mode. */
export interface DesktopBridge {
  /** The absolute path of a file or folder dropped on the window. */
  pathForFile(file: File): string;
  /** Opens the system folder picker; null when cancelled. */
  pickFolders(): Promise<string[]>;
  /** Shows a folder in the system file manager. */
  reveal(path: string): Promise<void>;
}
export type EventName = keyof EventPayloads;

/**
 * Every event a UI hears, on either transport. A record, not a list, so an
 * event added to EventPayloads fails to compile until it is added here.
 */
const UI_EVENTS: Record<EventName, true> = {
  'task.updated': true,
  'task.deleted': true,
  'task.blocked': true,
  'execution.output': true,
  'execution.events': true,
  'queue.state': true,
  'project.added': true,
  'project.removed': true,
  'terminal.output': true,
  'terminal.exit': true,
  'ui.command': true,
};
export const EVENT_NAMES = Object.keys(UI_EVENTS) as EventName[];

/** The API object the renderer sees as `window.claudomator`. */
export interface ClaudomatorApi {
  request<C extends Channel>(channel: C, params: RequestParams<C>): Promise<RequestResult<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  desktop?: DesktopBridge;
}

/** Error codes every transport maps the same way (HTTP status in brackets). */
export const ERROR_CODES = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
