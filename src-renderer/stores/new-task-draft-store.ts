import { create } from 'zustand';

/** The new task form as typed: strings, parsed and checked on submit. */
export interface TaskDraft {
  projectId: string;
  name: string;
  instructions: string;
  model: string;
  permissionMode: string;
  budgetUsd: string;
  timeoutMinutes: string;
  allowedTools: string;
  disallowedTools: string;
  skipPlanning: boolean;
  contextDirs: string;
  priority: string;
  systemPromptAppend: string;
}

export const EMPTY_DRAFT: TaskDraft = {
  projectId: '',
  name: '',
  instructions: '',
  model: '',
  permissionMode: '',
  budgetUsd: '',
  timeoutMinutes: '',
  allowedTools: '',
  disallowedTools: '',
  skipPlanning: false,
  contextDirs: '',
  priority: '0',
  systemPromptAppend: '',
};

interface DraftState {
  draft: TaskDraft;
  update(patch: Partial<TaskDraft>): void;
  /** After a task was created: keep the project, clear the rest. */
  clear(): void;
}

/** Survives closing the form, so an accidental Esc loses nothing. */
export const useTaskDraft = create<DraftState>()((set) => ({
  draft: EMPTY_DRAFT,
  update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  clear: () => set((s) => ({ draft: { ...EMPTY_DRAFT, projectId: s.draft.projectId } })),
}));
