import { PERMISSION_MODES, type PermissionMode } from '../../../src-shared/domain';
import type { RequestParams } from '../../../src-shared/contract';
import { utf8ByteLength } from '../../lib/utf8';
import type { TaskDraft } from '../../stores/new-task-draft-store';
import { LIMITS } from './task-limits';

export type DraftErrors = Partial<Record<keyof TaskDraft, string>>;

export interface Validated {
  params: RequestParams<'tasks.create'> | null;
  errors: DraftErrors;
}

/** Splits a tool list on newlines and on commas outside parentheses ("Bash(git log:*)"). */
export function splitTools(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === '\n' || (ch === ',' && depth === 0)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Checks the typed form the way the API will, and builds the request. */
export function validateDraft(d: TaskDraft): Validated {
  const errors: DraftErrors = {};
  const agent: NonNullable<RequestParams<'tasks.create'>['agent']> = {};

  if (!d.projectId) errors.projectId = 'Choose a project (add one under Projects first)';
  if (d.name.trim().length > LIMITS.nameMax) {
    errors.name = `At most ${LIMITS.nameMax} characters`;
  }
  if (d.instructions.trim() === '') errors.instructions = 'Say what the agent should do';
  else if (utf8ByteLength(d.instructions) > LIMITS.instructionsMaxBytes) {
    errors.instructions = `At most ${LIMITS.instructionsMaxBytes.toLocaleString()} bytes`;
  }

  const model = d.model.trim();
  if (model.length > LIMITS.modelMax) errors.model = `At most ${LIMITS.modelMax} characters`;
  else if (model) agent.model = model;

  if (d.permissionMode) {
    if ((PERMISSION_MODES as readonly string[]).includes(d.permissionMode)) {
      agent.permissionMode = d.permissionMode as PermissionMode;
    } else errors.permissionMode = 'Unknown permission mode';
  }

  const budget = parseNumber(d.budgetUsd);
  if (budget !== null) {
    if (Number.isNaN(budget) || budget <= 0) errors.budgetUsd = 'A positive amount in USD';
    else if (budget > LIMITS.budgetMax) {
      errors.budgetUsd = `At most $${LIMITS.budgetMax.toLocaleString()}`;
    } else agent.maxBudgetUsd = budget;
  }

  const minutes = parseNumber(d.timeoutMinutes);
  if (minutes !== null) {
    const seconds = Math.round(minutes * 60);
    if (Number.isNaN(minutes) || seconds <= 0)
      errors.timeoutMinutes = 'A positive number of minutes';
    else if (seconds > LIMITS.timeoutMaxSeconds) {
      errors.timeoutMinutes = `At most ${LIMITS.timeoutMaxSeconds / 60} minutes (7 days)`;
    } else agent.timeoutSeconds = seconds;
  }

  for (const key of ['allowedTools', 'disallowedTools'] as const) {
    const tools = splitTools(d[key]);
    if (tools.length > LIMITS.toolsMaxCount) errors[key] = `At most ${LIMITS.toolsMaxCount} tools`;
    else if (tools.some((t) => t.length > LIMITS.toolMax)) {
      errors[key] = `A tool name is longer than ${LIMITS.toolMax} characters`;
    } else if (tools.length > 0) agent[key] = tools;
  }

  const dirs = splitLines(d.contextDirs);
  const relative = dirs.find((p) => !isAbsolutePath(p));
  if (dirs.length > LIMITS.contextDirsMaxCount) {
    errors.contextDirs = `At most ${LIMITS.contextDirsMaxCount} folders`;
  } else if (relative) errors.contextDirs = `"${relative}" is not an absolute path`;
  else if (dirs.some((p) => p.length > LIMITS.contextDirMax)) {
    errors.contextDirs = `A path is longer than ${LIMITS.contextDirMax} characters`;
  } else if (dirs.length > 0) agent.contextDirs = dirs;

  const priority = parseNumber(d.priority);
  let priorityValue: number | undefined;
  if (priority !== null) {
    if (
      Number.isNaN(priority) ||
      !Number.isInteger(priority) ||
      priority < LIMITS.priorityMin ||
      priority > LIMITS.priorityMax
    ) {
      errors.priority = `A whole number from ${LIMITS.priorityMin} to ${LIMITS.priorityMax}`;
    } else priorityValue = priority;
  }

  if (d.skipPlanning) agent.skipPlanning = true;
  if (d.systemPromptAppend.length > LIMITS.systemPromptMax) {
    errors.systemPromptAppend = `At most ${LIMITS.systemPromptMax.toLocaleString()} characters`;
  } else if (d.systemPromptAppend.trim()) agent.systemPromptAppend = d.systemPromptAppend;

  if (Object.keys(errors).length > 0) return { params: null, errors };
  const params: RequestParams<'tasks.create'> = {
    projectId: d.projectId,
    instructions: d.instructions,
  };
  if (d.name.trim()) params.name = d.name.trim();
  if (priorityValue !== undefined && priorityValue !== 0) params.priority = priorityValue;
  if (Object.keys(agent).length > 0) params.agent = agent;
  return { params, errors };
}
