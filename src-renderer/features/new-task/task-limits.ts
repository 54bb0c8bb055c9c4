// The limits `createTaskInput` in src-shared/schemas.ts enforces, repeated so
// the form can say so inline without shipping zod to the page.
// task-limits.test.ts checks them against the schema.

export const LIMITS = {
  nameMax: 200,
  instructionsMaxBytes: 1_000_000,
  modelMax: 200,
  budgetMax: 100_000,
  timeoutMaxSeconds: 7 * 24 * 3600,
  toolMax: 500,
  toolsMaxCount: 200,
  contextDirMax: 4096,
  contextDirsMaxCount: 50,
  priorityMin: -1000,
  priorityMax: 1000,
  systemPromptMax: 100_000,
} as const;
