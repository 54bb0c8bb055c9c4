import { create } from 'zustand';
import type { Project } from '../../src-shared/domain';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

interface ProjectsState {
  projects: Project[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Adds a folder; resolves to the project or rejects with the API's error. */
  add(path: string): Promise<Project>;
  remove(id: string): Promise<void>;
  /** From the `project.added` / `project.removed` events (and our own calls). */
  applyAdded(project: Project): void;
  applyRemoved(id: string): void;
}

function byName(a: Project, b: Project): number {
  return a.name.localeCompare(b.name) || a.path.localeCompare(b.path);
}

export const useProjects = create<ProjectsState>()((set, get) => ({
  projects: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const projects = await api().request('projects.list', {});
      set({ projects: [...projects].sort(byName), loaded: true, error: null });
    } catch (err) {
      set({ loaded: true, error: errorMessage(err) });
    }
  },
  async add(path) {
    const project = await api().request('projects.add', { path: path.trim() });
    get().applyAdded(project);
    return project;
  },
  async remove(id) {
    await api().request('projects.remove', { id });
    get().applyRemoved(id);
  },
  applyAdded(project) {
    set((s) => ({
      projects: [...s.projects.filter((p) => p.id !== project.id), project].sort(byName),
    }));
  },
  applyRemoved(id) {
    set((s) => ({ projects: s.projects.filter((p) => p.id !== id) }));
  },
}));

export function projectName(projects: Project[], id: string): string {
  return projects.find((p) => p.id === id)?.name ?? 'unknown project';
}
