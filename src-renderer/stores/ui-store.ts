import { create } from 'zustand';

interface UiState {
  newTaskOpen: boolean;
  settingsOpen: boolean;
  /** Bumped to ask the search box to take focus. */
  searchFocusRequests: number;
  /** Bumped to ask the add-project path field to take focus. */
  pathFocusRequests: number;
  openNewTask(): void;
  closeNewTask(): void;
  openSettings(): void;
  closeSettings(): void;
  focusSearch(): void;
  focusPathField(): void;
}

/** Which dialogs are open and focus requests between unrelated components. */
export const useUi = create<UiState>()((set) => ({
  newTaskOpen: false,
  settingsOpen: false,
  searchFocusRequests: 0,
  pathFocusRequests: 0,
  openNewTask: () => set({ newTaskOpen: true, settingsOpen: false }),
  closeNewTask: () => set({ newTaskOpen: false }),
  openSettings: () => set({ settingsOpen: true, newTaskOpen: false }),
  closeSettings: () => set({ settingsOpen: false }),
  focusSearch: () => set((s) => ({ searchFocusRequests: s.searchFocusRequests + 1 })),
  focusPathField: () => set((s) => ({ pathFocusRequests: s.pathFocusRequests + 1 })),
}));
