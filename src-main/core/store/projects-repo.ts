import { randomUUID } from 'node:crypto';
import type { Project } from '../../../src-shared/domain';
import { statement, type Db } from './database';
import { nowIso } from './clock';

interface ProjectRow {
  id: string;
  name: string;
  path: string;
  use_origin: number;
  created_at: string;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  name: r.name,
  path: r.path,
  useOrigin: r.use_origin === 1,
  createdAt: r.created_at,
});

export class ProjectsRepo {
  constructor(private readonly db: Db) {}

  list(): Project[] {
    const rows = statement(this.db, 'SELECT * FROM projects ORDER BY name, created_at').all();
    return (rows as ProjectRow[]).map(toProject);
  }

  get(id: string): Project | null {
    const row = statement(this.db, 'SELECT * FROM projects WHERE id = ?').get(id) as
      ProjectRow | undefined;
    return row ? toProject(row) : null;
  }

  byPath(path: string): Project | null {
    const row = statement(this.db, 'SELECT * FROM projects WHERE path = ?').get(path) as
      ProjectRow | undefined;
    return row ? toProject(row) : null;
  }

  insert(input: { name: string; path: string; useOrigin: boolean }): Project {
    const project: Project = { id: randomUUID(), createdAt: nowIso(), ...input };
    statement(
      this.db,
      'INSERT INTO projects (id, name, path, use_origin, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(project.id, project.name, project.path, project.useOrigin ? 1 : 0, project.createdAt);
    return project;
  }

  taskCount(id: string): number {
    const row = statement(this.db, 'SELECT count(*) AS n FROM tasks WHERE project_id = ?').get(
      id,
    ) as {
      n: number;
    };
    return row.n;
  }

  remove(id: string): boolean {
    return statement(this.db, 'DELETE FROM projects WHERE id = ?').run(id).changes > 0;
  }
}
