import fs from 'node:fs';
import type { Handlers } from '../../../src-shared/contract';
import { commitDiff } from '../git/commit-diff';
import { mergeIntoCheckedOut } from '../git/merge-branch';
import { conflict, notFound } from '../errors';
import { resolveCloneSource } from '../sandbox';
import type { EngineContext } from './context';

export function gitHandlers(ctx: EngineContext): Pick<Handlers, 'commits.diff' | 'tasks.merge'> {
  return {
    'commits.diff': async ({ taskId, hash }) => {
      const task = ctx.store.tasks.get(taskId);
      const executions = ctx.store.executions.forTask(taskId);
      const full = executions.flatMap((e) => e.commits).find((c) => c.hash.startsWith(hash));
      if (!full) throw notFound(`commit ${hash} of task ${taskId}`);
      const project = ctx.store.projects.get(task.projectId);
      const repos = [task.sandboxDir, ...executions.map((e) => e.sandboxDir)].filter(
        (d): d is string => !!d && fs.existsSync(d),
      );
      if (project && fs.existsSync(project.path)) {
        const source = await resolveCloneSource(project.path, {
          useOrigin: project.useOrigin,
        }).catch(() => null);
        if (source && source.kind !== 'remote') repos.push(source.url);
        repos.push(project.path);
      }
      const diff = await commitDiff(full.hash, [...new Set(repos)]);
      if (!diff) throw notFound(`commit ${full.hash} (no longer in the sandbox or the project)`);
      return diff;
    },
    'tasks.merge': async ({ id }) => {
      const task = ctx.store.tasks.get(id);
      if (!task.landedBranch) throw conflict('the task has no branch to merge');
      const project = ctx.store.projects.get(task.projectId);
      if (!project) throw notFound(`project ${task.projectId}`);
      return mergeIntoCheckedOut(project.path, task.landedBranch);
    },
  };
}
