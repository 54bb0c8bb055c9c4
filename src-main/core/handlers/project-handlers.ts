import fs from 'node:fs/promises';
import path from 'node:path';
import type { Project } from '../../../src-shared/domain';
import type { Handlers } from '../../../src-shared/contract';
import { conflict, invalid, notFound } from '../errors';
import type { EngineContext } from './context';

/** Resolves a user-given folder to its canonical path, with a clear error for anything else. */
export async function resolveProjectPath(raw: string): Promise<string> {
  if (raw.includes('\0')) throw invalid('path contains a NUL byte');
  const abs = path.resolve(raw);
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch {
    throw invalid(`folder ${abs} does not exist`);
  }
  const stat = await fs.stat(real);
  if (!stat.isDirectory()) throw invalid(`${abs} is a file, not a folder`);
  try {
    await fs.access(real, fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    throw invalid(`folder ${abs} is not readable`);
  }
  return real;
}

export async function addProject(
  ctx: EngineContext,
  input: { path: string; name?: string | undefined; useOrigin?: boolean | undefined },
): Promise<Project> {
  const real = await resolveProjectPath(input.path);
  if (ctx.store.projects.byPath(real)) throw conflict(`project ${real} was already added`);
  return insertProject(ctx, real, input);
}

export function insertProject(
  ctx: EngineContext,
  realPath: string,
  input: { name?: string | undefined; useOrigin?: boolean | undefined },
): Project {
  const project = ctx.store.projects.insert({
    name: input.name ?? path.basename(realPath),
    path: realPath,
    useOrigin: input.useOrigin ?? false,
  });
  ctx.bus.emit('project.added', project);
  return project;
}

export function projectHandlers(
  ctx: EngineContext,
): Pick<Handlers, 'projects.list' | 'projects.add' | 'projects.remove'> {
  return {
    'projects.list': async () => ctx.store.projects.list(),
    'projects.add': async (p) => addProject(ctx, p),
    'projects.remove': async ({ id }) => {
      if (!ctx.store.projects.get(id)) throw notFound(`project ${id}`);
      const n = ctx.store.projects.taskCount(id);
      if (n > 0) throw conflict(`project has ${n} task(s); delete them first`);
      ctx.store.projects.remove(id);
      ctx.bus.emit('project.removed', { id });
      return { ok: true };
    },
  };
}
