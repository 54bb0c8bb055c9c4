// Validation schemas for every request payload. They are strict: an unknown
// field is an error, so a typo never silently drops a setting.
import { z } from 'zod';
import { PERMISSION_MODES, TASK_STATES } from './domain';

export const MAX_INSTRUCTIONS_BYTES = 1_000_000;
const id = z.string().min(1).max(100);
const toolName = z.string().min(1).max(500);
const encoder = new TextEncoder();
const utf8Length = (s: string): number => encoder.encode(s).length;

export const agentConfigInput = z
  .object({
    model: z.string().min(1).max(200).nullish(),
    permissionMode: z.enum(PERMISSION_MODES).nullish(),
    maxBudgetUsd: z.number().positive().max(100_000).nullish(),
    allowedTools: z.array(toolName).max(200).optional(),
    disallowedTools: z.array(toolName).max(200).optional(),
    skipPlanning: z.boolean().optional(),
    systemPromptAppend: z.string().max(100_000).nullish(),
    contextDirs: z.array(z.string().min(1).max(4096)).max(50).optional(),
    additionalArgs: z.array(z.string().max(10_000)).max(100).optional(),
    timeoutSeconds: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 3600)
      .nullish(),
  })
  .strict();
export type AgentConfigInput = z.infer<typeof agentConfigInput>;

export const createTaskInput = z
  .object({
    projectId: id.optional(),
    projectPath: z.string().min(1).max(4096).optional(),
    name: z.string().max(200).optional(),
    instructions: z
      .string()
      .refine((s) => s.trim().length > 0, 'instructions must not be empty')
      .refine(
        (s) => utf8Length(s) <= MAX_INSTRUCTIONS_BYTES,
        `instructions must be at most ${MAX_INSTRUCTIONS_BYTES} bytes`,
      ),
    parentId: id.nullish(),
    priority: z.number().int().min(-1000).max(1000).optional(),
    agent: agentConfigInput.optional(),
  })
  .strict()
  .refine((v) => !(v.projectId && v.projectPath), {
    message: 'give projectId or projectPath, not both',
  })
  .refine((v) => Boolean(v.projectId || v.projectPath || v.parentId), {
    message: 'projectId or projectPath is required',
  });
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const listTasksInput = z
  .object({
    state: z.enum(TASK_STATES).optional(),
    projectId: id.optional(),
    parentId: id.optional(),
    search: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

export const idInput = z.object({ id }).strict();

const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);
export const openTerminalInput = z
  .object({ taskId: id, kind: z.enum(['shell', 'takeover']), cols, rows })
  .strict();
export const terminalInputInput = z
  .object({
    id,
    data: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .strict();
export const resizeTerminalInput = z.object({ id, cols, rows }).strict();
export const listTerminalsInput = z.object({ taskId: id.optional() }).strict();
export const answerInput = z.object({ id, answer: z.string().trim().min(1).max(100_000) }).strict();

export const addProjectInput = z
  .object({
    path: z.string().min(1).max(4096),
    name: z.string().min(1).max(200).optional(),
    useOrigin: z.boolean().optional(),
  })
  .strict();

export const readLogInput = z
  .object({
    executionId: id,
    stream: z.enum(['stdout', 'stderr']),
    offset: z.number().int().min(0).optional(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(8 * 1024 * 1024)
      .optional(),
    encoding: z.enum(['utf8', 'base64']).optional(),
  })
  .strict();

export const listEventsInput = z
  .object({
    executionId: id,
    afterSeq: z.number().int().min(-1).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

export const settingsPatch = z
  .object({
    maxConcurrency: z.number().int().min(1).max(64),
    claudeBin: z.string().min(1).max(4096),
    defaultModel: z.string().min(1).max(200).nullable(),
    defaultPermissionMode: z.enum(PERMISSION_MODES),
    defaultTimeoutSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
    quotaPauseMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    notifyOnComplete: z.boolean(),
    notifyOnFail: z.boolean(),
  })
  .partial()
  .strict();

export const emptyInput = z.object({}).strict();

export const checkClaudeInput = z.object({ bin: z.string().min(1).max(4096).optional() }).strict();

export const commitDiffInput = z
  .object({ taskId: id, hash: z.string().regex(/^[0-9a-f]{7,64}$/, 'not a commit hash') })
  .strict();
