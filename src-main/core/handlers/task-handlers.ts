import fs from 'node:fs/promises';
import path from 'node:path';
import type { AgentConfig, Task, TaskDetail, TaskState } from '../../../src-shared/domain';
import type { CallerContext, Handlers, ValidParams } from '../../../src-shared/contract';
import { conflict, invalid, notFound } from '../errors';
import { removeSandbox } from '../sandbox';
import { advanceParent } from '../pool/subtasks';
import type { EngineContext } from './context';
import { insertProject, resolveProjectPath } from './project-handlers';
import { landNow } from '../pool/land-now';

type CreateParams = ValidParams<'tasks.create'>;

const CANCELLABLE: readonly TaskState[] = [
  'PENDING',
  'QUEUED',
  'RATE_LIMITED',
  'BLOCKED',
  'INTERRUPTED',
  'WAITING',
];
const RETRYABLE: readonly TaskState[] = [
  'FAILED',
  'CANCELLED',
  'TIMED_OUT',
  'BUDGET_EXCEEDED',
  'INTERRUPTED',
];

function agentConfig(input: CreateParams['agent']): AgentConfig {
  return {
    model: input?.model ?? null,
    permissionMode: input?.permissionMode ?? null,
    maxBudgetUsd: input?.maxBudgetUsd ?? null,
    allowedTools: input?.allowedTools ?? [],
    disallowedTools: input?.disallowedTools ?? [],
    skipPlanning: input?.skipPlanning ?? false,
    systemPromptAppend: input?.systemPromptAppend ?? null,
    contextDirs: input?.contextDirs ?? [],
    additionalArgs: input?.additionalArgs ?? [],
    timeoutSeconds: input?.timeoutSeconds ?? null,
  };
}

function defaultName(instructions: string): string {
  const first = instructions.trim().split('\n')[0]!.trim();
  return first.length > 80 ? `${first.slice(0, 77)}…` : first;
}

async function projectFor(ctx: EngineContext, p: CreateParams, parent: Task | null) {
  if (p.projectId) {
    const project = ctx.store.projects.get(p.projectId);
    if (!project) throw notFound(`project ${p.projectId}`);
    return project;
  }
  if (p.projectPath) {
    const real = await resolveProjectPath(p.projectPath);
    // Synchronous from here: concurrent creates for one new path add it once.
    return ctx.store.projects.byPath(real) ?? insertProject(ctx, real, {});
  }
  return ctx.store.projects.get(parent!.projectId)!;
}

export async function createTask(
  ctx: EngineContext,
  p: CreateParams,
  caller: CallerContext,
): Promise<Task> {
  const parent = p.parentId ? ctx.store.tasks.find(p.parentId) : null;
  if (p.parentId && !parent) throw notFound(`parent task ${p.parentId}`);
  const project = await projectFor(ctx, p, parent);
  for (const dir of p.agent?.contextDirs ?? []) {
    if (!path.isAbsolute(dir)) throw invalid(`context dir ${dir} must be an absolute path`);
  }
  // A subtask created while its parent's agent runs waits its turn (PENDING);
  // the parent's completion starts them one after another.
  const waitsForParent = parent !== null && ['RUNNING', 'WAITING'].includes(parent.state);
  const task = ctx.store.tasks.insert(
    {
      projectId: project.id,
      parentId: parent?.id ?? null,
      name: p.name?.trim() || defaultName(p.instructions),
      instructions: p.instructions,
      priority: p.priority ?? parent?.priority ?? 0,
      agent: agentConfig(p.agent),
      state: waitsForParent ? 'PENDING' : 'QUEUED',
    },
    caller.actor,
    parent ? `subtask of ${parent.id}` : 'created',
  );
  ctx.tasks.announce(task);
  if (parent?.state === 'WAITING') advanceParent(ctx, parent.id);
  ctx.pool.kick();
  return ctx.store.tasks.get(task.id);
}

export function taskDetail(ctx: EngineContext, id: string): TaskDetail {
  const task = ctx.store.tasks.get(id);
  return {
    task,
    executions: ctx.store.executions.forTask(id),
    subtasks: ctx.store.tasks.children(id),
    history: ctx.store.tasks.history(id),
    questions: ctx.store.questions.forTask(id),
  };
}

async function cancelTask(ctx: EngineContext, id: string): Promise<Task> {
  const task = ctx.store.tasks.get(id);
  if (task.state === 'RUNNING') {
    await ctx.pool.stopTask(id, 'cancel');
    return ctx.store.tasks.get(id);
  }
  if (!CANCELLABLE.includes(task.state)) throw conflict(`task is ${task.state}; nothing to cancel`);
  if (task.state === 'WAITING') {
    // Cancelling a parent cancels the subtasks it is waiting for.
    for (const child of ctx.store.tasks.children(id)) {
      if (child.state === 'RUNNING') await ctx.pool.stopTask(child.id, 'cancel');
      else if (CANCELLABLE.includes(child.state)) await cancelTask(ctx, child.id);
    }
    const after = ctx.store.tasks.get(id);
    if (after.state !== 'WAITING') return after;
  }
  const cancelled = ctx.tasks.transition(id, 'CANCELLED', {
    actor: 'user',
    reason: 'cancelled',
    from: [task.state],
  });
  ctx.pool.kick();
  return cancelled;
}

async function deleteTask(ctx: EngineContext, id: string): Promise<void> {
  const task = ctx.store.tasks.get(id);
  for (const child of ctx.store.tasks.children(id)) await deleteTask(ctx, child.id);
  if (task.state === 'RUNNING') await ctx.pool.stopTask(id, 'cancel');
  // Its terminals go first: nothing keeps running in a sandbox about to be deleted.
  await ctx.terminals.closeTask(id);
  const executions = ctx.store.executions.forTask(id);
  const sandboxes = new Set(
    [task.sandboxDir, ...executions.map((e) => e.sandboxDir)].filter((d): d is string => !!d),
  );
  for (const dir of sandboxes) await removeSandbox(dir).catch(() => undefined);
  for (const e of executions) await fs.rm(e.artifactDir, { recursive: true, force: true });
  ctx.store.tasks.delete(id);
  ctx.bus.emit('task.deleted', { id });
}

export function taskHandlers(
  ctx: EngineContext,
): Pick<
  Handlers,
  | 'tasks.list'
  | 'tasks.get'
  | 'tasks.create'
  | 'tasks.cancel'
  | 'tasks.answer'
  | 'tasks.retry'
  | 'tasks.delete'
  | 'tasks.land'
> {
  return {
    'tasks.list': async (q) => ctx.store.tasks.list(q),
    'tasks.get': async ({ id }) => taskDetail(ctx, id),
    'tasks.create': async (p, caller) => createTask(ctx, p, caller),
    'tasks.cancel': async ({ id }) => cancelTask(ctx, id),
    'tasks.answer': async ({ id, answer }) => {
      const task = ctx.store.tasks.get(id);
      if (task.state !== 'BLOCKED') throw conflict(`task is ${task.state}, not BLOCKED`);
      ctx.terminals.assertNotTakenOver(id);
      const queued = ctx.store.atomically(() => {
        ctx.store.questions.answer(id, answer);
        return ctx.store.tasks.transition(id, 'QUEUED', {
          actor: 'user',
          reason: 'answered',
          from: ['BLOCKED'],
          patch: { nextPrompt: answer, question: null, error: null },
        });
      });
      ctx.tasks.announce(queued);
      ctx.pool.kick();
      return queued;
    },
    'tasks.retry': async ({ id }) => {
      const task = ctx.store.tasks.get(id);
      if (!RETRYABLE.includes(task.state)) throw conflict(`task is ${task.state}; cannot retry`);
      ctx.terminals.assertNotTakenOver(id);
      const internals = ctx.store.tasks.internals(id);
      // An interrupted task carries on in its session; any other retry starts afresh.
      const resume = task.state === 'INTERRUPTED' && !!task.sessionId && !!internals.nextPrompt;
      const queued = ctx.tasks.transition(id, 'QUEUED', {
        actor: 'user',
        reason: resume ? 'resumed' : 'retried',
        from: [task.state],
        patch: {
          error: null,
          rateLimitAttempts: 0,
          retryAt: null,
          ...(resume ? {} : { sessionId: null, nextPrompt: null }),
        },
      });
      ctx.pool.kick();
      return queued;
    },
    'tasks.land': async ({ id }) => {
      ctx.terminals.assertNotTakenOver(id);
      return landNow(ctx.store, ctx.tasks, id);
    },
    'tasks.delete': async ({ id }) => {
      await deleteTask(ctx, id);
      ctx.pool.kick();
      return { ok: true };
    },
  };
}
