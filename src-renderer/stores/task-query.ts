import type { Task, TaskState } from '../../src-shared/domain';
import type { RequestParams } from '../../src-shared/contract';

/** What the task list shows: the filters the user set. */
export interface TaskQuery {
  state: TaskState | null;
  projectId: string | null;
  search: string;
}

export const EMPTY_QUERY: TaskQuery = { state: null, projectId: null, search: '' };

/** The longest search the API accepts. */
export const MAX_SEARCH = 500;

export function listParams(
  q: TaskQuery,
  offset: number,
  limit: number,
): RequestParams<'tasks.list'> {
  const p: RequestParams<'tasks.list'> = { limit, offset };
  if (q.state) p.state = q.state;
  if (q.projectId) p.projectId = q.projectId;
  const search = q.search.trim().slice(0, MAX_SEARCH);
  if (search) p.search = search;
  return p;
}

/** Whether the server would list this task for the query (search: name or instructions). */
export function taskMatches(q: TaskQuery, t: Task): boolean {
  if (q.state && t.state !== q.state) return false;
  if (q.projectId && t.projectId !== q.projectId) return false;
  const search = q.search.trim().slice(0, MAX_SEARCH).toLowerCase();
  if (search) {
    return t.name.toLowerCase().includes(search) || t.instructions.toLowerCase().includes(search);
  }
  return true;
}

export function isFiltered(q: TaskQuery): boolean {
  return q.state !== null || q.projectId !== null || q.search.trim() !== '';
}
