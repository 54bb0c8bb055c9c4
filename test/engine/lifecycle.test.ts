import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenario } from '../support/fake-claude';
import { startHarness, withScenario, type Harness } from '../support/engine-harness';
import {
  git,
  logSubjects,
  makeBareRepo,
  makeTempDir,
  makeWorkingCopy,
  refExists,
  removeTempDirs,
} from '../support/git-repos';
import { PREAMBLE_MARKER } from '../../src-main/core/preamble';
import { agentToken } from '../../src-main/core/api/agent-tokens';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
  removeTempDirs();
});

const argAfter = (argv: string[], flag: string): string | undefined => argv[argv.indexOf(flag) + 1];

describe('a task that commits', () => {
  it('lands on the bare source branch named by its HEAD, then deletes the sandbox', async () => {
    const bare = makeBareRepo({ branch: 'trunk' });
    const project = makeWorkingCopy({ branch: 'trunk' });
    git(project, 'remote', 'add', 'local', bare);
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario(
        'add a file',
        scenario([{ commit: { path: 'new.txt', content: 'hi', message: 'add new | file' } }]),
      ),
    });
    expect(task.state).toBe('QUEUED');
    const done = await h.waitFor(task.id, 'COMPLETED');
    expect(logSubjects(bare, 'trunk').at(-1)).toBe('add new | file');
    const detail = await h.call('tasks.get', { id: task.id });
    const [exec] = detail.executions;
    expect(exec!.commits.map((c) => c.subject)).toEqual(['add new | file']);
    expect(exec!.commits[0]!.hash).toBe(git(bare, 'rev-parse', 'trunk'));
    expect(exec!.state).toBe('COMPLETED');
    expect(exec!.exitCode).toBe(0);
    // HEAD at the start of the run: the commits are the ones after it.
    expect(exec!.startHead).toBe(git(bare, 'rev-parse', 'trunk~1'));
    expect(exec!.costUsd).toBeCloseTo(0.01);
    expect(done.costUsd).toBeCloseTo(0.01);
    expect(done.rev).toBeGreaterThan(task.rev);
    expect(done.sandboxDir).toBeNull();
    expect(fs.existsSync(exec!.sandboxDir!)).toBe(false);
    // The user's working copy is untouched: the commit went to the `local` remote.
    expect(logSubjects(project)).toEqual(['commit 1']);
    expect(detail.history.map((e) => e.to)).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
  });

  it('lands on claudomator/<task> in a working copy and never moves its branch', async () => {
    const project = makeWorkingCopy({ branch: 'main' });
    const before = git(project, 'rev-parse', 'main');
    fs.writeFileSync(path.join(project, 'file1.txt'), 'my uncommitted edit\n');
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario(
        'x',
        scenario([{ commit: { path: 'a.txt', content: 'a', message: 'agent work' } }]),
      ),
    });
    const done = await h.waitFor(task.id, 'COMPLETED');
    expect(done.landedBranch).toBe(`claudomator/${task.id}`);
    expect(logSubjects(project, `claudomator/${task.id}`).at(-1)).toBe('agent work');
    expect(git(project, 'rev-parse', 'main')).toBe(before);
    expect(git(project, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(fs.readFileSync(path.join(project, 'file1.txt'), 'utf8')).toBe('my uncommitted edit\n');
  });

  it('auto-commits leftovers and deletes a sandbox with nothing new', async () => {
    const project = makeWorkingCopy();
    const left = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('x', scenario([{ write: { path: 'left.txt', content: 'l' } }])),
    });
    await h.waitFor(left.id, 'COMPLETED');
    expect(logSubjects(project, `claudomator/${left.id}`).at(-1)).toBe(
      'chore: autocommit uncommitted changes',
    );
    const idle = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('x', scenario([{ text: 'nothing to do' }])),
    });
    await h.waitFor(idle.id, 'COMPLETED');
    const [exec] = (await h.call('tasks.get', { id: idle.id })).executions;
    expect(exec!.commits).toEqual([]);
    expect(fs.existsSync(exec!.sandboxDir!)).toBe(false);
    expect(refExists(project, `refs/heads/claudomator/${idle.id}`)).toBe(false);
  });

  it('initialises a folder that is not a git repository', async () => {
    const folder = path.join(makeTempDir(), 'plain');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'n');
    const task = await h.call('tasks.create', {
      projectPath: folder,
      instructions: withScenario(
        'x',
        scenario([{ commit: { path: 'b', content: 'b', message: 'b' } }]),
      ),
    });
    await h.waitFor(task.id, 'COMPLETED');
    expect(logSubjects(folder)).toEqual(['chore: initial commit']);
    expect(logSubjects(folder, `claudomator/${task.id}`)).toEqual(['chore: initial commit', 'b']);
  });

  it('passes the documented arguments and the agent environment', async () => {
    const project = makeWorkingCopy();
    const ctx = makeTempDir();
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: 'just text',
      agent: {
        model: 'claude-test',
        maxBudgetUsd: 2.5,
        permissionMode: 'acceptEdits',
        systemPromptAppend: 'be brief',
        allowedTools: ['Read'],
        disallowedTools: ['WebFetch'],
        contextDirs: [ctx],
        additionalArgs: ['--verbose'],
      },
    });
    await h.waitFor(task.id, 'COMPLETED');
    const [inv] = h.invocations();
    const argv = inv!.argv;
    const execution = (await h.call('tasks.get', { id: task.id })).executions[0]!;
    expect(argAfter(argv, '--session-id')).toBe(execution.id);
    expect(argv).not.toContain('--resume');
    expect(argAfter(argv, '--output-format')).toBe('stream-json');
    expect(argAfter(argv, '--model')).toBe('claude-test');
    expect(argAfter(argv, '--max-budget-usd')).toBe('2.5');
    expect(argAfter(argv, '--permission-mode')).toBe('acceptEdits');
    expect(argAfter(argv, '--append-system-prompt')).toBe('be brief');
    expect(argAfter(argv, '--disallowedTools')).toBe('WebFetch');
    expect(argAfter(argv, '--add-dir')).toBe(ctx);
    // Planning is on: the preamble leads the prompt and Bash is allowed.
    // The prompt goes on stdin: never into argv, where it could be taken for an option.
    expect(argv[0]).toBe('-p');
    expect(argv.some((a) => a.includes('just text'))).toBe(false);
    const prompt = inv!.prompt;
    expect(prompt.startsWith(PREAMBLE_MARKER)).toBe(true);
    expect(prompt.endsWith('just text')).toBe(true);
    const allowed = argv.flatMap((a, i) => (a === '--allowedTools' ? [argv[i + 1]] : []));
    expect(allowed).toEqual(['Read', 'Bash']);
    expect(inv!.env.CLAUDOMATOR_TASK_ID).toBe(task.id);
    expect(inv!.env.CLAUDOMATOR_PROJECT_DIR).toBe(fs.realpathSync(project));
    expect(inv!.env.CLAUDOMATOR_API_URL).toBe(h.serving.http.url);
    expect(inv!.env.CLAUDOMATOR_API_TOKEN).toBe(agentToken(h.serving.engine.token, execution.id));
    expect(inv!.env.CLAUDOMATOR_QUESTION_FILE).toBe(
      path.join(execution.artifactDir, 'question.json'),
    );
    expect(inv!.env.CLAUDOMATOR_SUMMARY_FILE).toBe(path.join(execution.artifactDir, 'summary.txt'));
    expect(inv!.cwd).toBe(execution.sandboxDir);
    // Paths were persisted before the process started, in a private log dir.
    expect(execution.stdoutPath).toBe(path.join(execution.artifactDir, 'stdout.log'));
    expect(fs.statSync(execution.artifactDir).mode & 0o777).toBe(0o700);
  });

  it('sends a prompt that looks like an option, or is larger than an argument may be', async () => {
    const big = `-x ${'y'.repeat(300 * 1024)}`;
    const task = await h.call('tasks.create', {
      projectPath: makeWorkingCopy(),
      instructions: big,
      agent: { skipPlanning: true },
    });
    await h.waitFor(task.id, 'COMPLETED');
    expect(h.invocations()[0]!.prompt).toBe(big);
  });

  it('skipPlanning sends the instructions as they are, without adding Bash', async () => {
    const project = makeWorkingCopy();
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: 'exactly this',
      agent: { skipPlanning: true },
    });
    await h.waitFor(task.id, 'COMPLETED');
    const argv = h.invocations()[0]!.argv;
    expect(h.invocations()[0]!.prompt).toBe('exactly this');
    expect(argv).not.toContain('--allowedTools');
    expect(argAfter(argv, '--permission-mode')).toBe('bypassPermissions');
  });

  it('takes the summary file, and a completion report in the question file as the summary', async () => {
    const project = makeWorkingCopy();
    const a = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('x', scenario([{ summary: 'Did the thing.' }])),
    });
    const b = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('x', scenario([{ ask: { text: 'All done, tests pass.' } }])),
    });
    expect((await h.waitFor(a.id, 'COMPLETED')).summary).toBe('Did the thing.');
    expect((await h.waitFor(b.id, 'COMPLETED')).summary).toBe('All done, tests pass.');
  });
});

describe('blocked, answered, resumed', () => {
  it('resumes the same session in the same sandbox, twice', async () => {
    const project = makeWorkingCopy();
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario(
        'paint',
        scenario([{ ask: { text: 'Which colour?', options: ['red', 'blue'] } }], {
          onResume: [
            {
              bash: 'printf "%s" "$FAKE_ANSWER" > colour.txt && git add -A && git commit -qm colour',
            },
          ],
        }),
      ),
    });
    const blocked = await h.waitFor(task.id, 'BLOCKED');
    expect(blocked.question).toEqual({ text: 'Which colour?', options: ['red', 'blue'] });
    const sandbox = blocked.sandboxDir!;
    expect(fs.existsSync(sandbox)).toBe(true);
    await expect(h.call('tasks.answer', { id: task.id, answer: '' })).rejects.toThrow();
    const queued = await h.call('tasks.answer', { id: task.id, answer: 'blue' });
    expect(queued.state).toBe('QUEUED');
    await expect(h.call('tasks.answer', { id: task.id, answer: 'again' })).rejects.toThrow(
      /not BLOCKED/,
    );
    await h.waitFor(task.id, 'COMPLETED');
    expect(logSubjects(project, `claudomator/${task.id}`).at(-1)).toBe('colour');

    const detail = await h.call('tasks.get', { id: task.id });
    const [first, second] = detail.executions;
    expect(second!.kind).toBe('resume');
    expect(second!.sessionId).toBe(first!.sessionId);
    expect(second!.sandboxDir).toBe(sandbox);
    const resumeArgv = h.invocations()[1]!.argv;
    expect(argAfter(resumeArgv, '--resume')).toBe(first!.sessionId);
    expect(resumeArgv).not.toContain('--session-id');
    expect(h.invocations()[1]!.prompt).toBe('blue');
    expect(detail.questions).toMatchObject([
      { answer: 'blue', question: { text: 'Which colour?' } },
    ]);
    // Cost is per execution, though the CLI reports the session total.
    expect(second!.costUsd).toBeCloseTo(0.01);
    expect(detail.task.costUsd).toBeCloseTo(0.02);
    expect(detail.history.map((e) => e.to)).toEqual([
      'QUEUED',
      'RUNNING',
      'BLOCKED',
      'QUEUED',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('a second block/resume cycle still resumes the original session', async () => {
    const project = makeWorkingCopy();
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('q', scenario([{ ask: { text: 'First?', options: ['a'] } }])),
    });
    await h.waitFor(task.id, 'BLOCKED');
    await h.call('tasks.answer', {
      id: task.id,
      answer: `a\n${scenario([{ ask: { text: 'Second?', options: ['b'] } }])}`,
    });
    await h.waitFor(task.id, (t) => t.state === 'BLOCKED' && t.question?.text === 'Second?');
    await h.call('tasks.answer', { id: task.id, answer: 'b' });
    await h.waitFor(task.id, 'COMPLETED');
    const sessions = (await h.call('tasks.get', { id: task.id })).executions.map(
      (e) => e.sessionId,
    );
    expect(new Set(sessions).size).toBe(1);
    const resumed = h
      .invocations()
      .slice(1)
      .map((i) => argAfter(i.argv, '--resume'));
    expect(resumed).toEqual([sessions[0], sessions[0]]);
  });

  it('re-clones at the same path when the preserved sandbox was deleted', async () => {
    const project = makeWorkingCopy();
    const task = await h.call('tasks.create', {
      projectPath: project,
      instructions: withScenario('q', scenario([{ ask: { text: 'Go?', options: ['yes'] } }])),
    });
    const blocked = await h.waitFor(task.id, 'BLOCKED');
    fs.rmSync(blocked.sandboxDir!, { recursive: true, force: true });
    await h.call('tasks.answer', { id: task.id, answer: 'yes' });
    await h.waitFor(task.id, (t) => t.state !== 'QUEUED' && t.state !== 'RUNNING');
    const detail = await h.call('tasks.get', { id: task.id });
    const resume = detail.executions[1]!;
    expect(resume.sandboxDir).toBe(blocked.sandboxDir);
    expect(fs.readFileSync(resume.stderrPath, 'utf8')).toMatch(/sandbox .* is missing; cloning/);
  });
});
