import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { PERMISSION_MODES } from '../../../src-shared/domain';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { isMod } from '../../lib/keyboard';
import { TID } from '../../testids';
import { useTaskDraft, type TaskDraft } from '../../stores/new-task-draft-store';
import { useProjects } from '../../stores/projects-store';
import { useSettings } from '../../stores/settings-store';
import { useTaskDetail } from '../../stores/task-detail-store';
import { useTasks } from '../../stores/tasks-store';
import { toast } from '../../stores/toasts-store';
import { useUi } from '../../stores/ui-store';
import { Modal } from '../common/Modal';
import { validateDraft, type DraftErrors } from './validate-task-form';
import './new-task.css';

const MODEL_SUGGESTIONS = ['sonnet', 'opus', 'haiku'];

function Field({
  label,
  name,
  errors,
  hint,
  children,
  wide,
}: {
  label: string;
  name: keyof TaskDraft;
  errors: DraftErrors;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={`form-field${wide ? ' is-wide' : ''}`}>
      <span className="form-label">{label}</span>
      {children}
      {errors[name] ? (
        <span className="form-error" data-testid={TID.fieldError} data-field={name}>
          {errors[name]}
        </span>
      ) : (
        hint && <span className="form-hint">{hint}</span>
      )}
    </label>
  );
}

/** The new task form: Ctrl/Cmd+Enter submits, Esc closes (the draft is kept). */
export function NewTaskDialog() {
  const close = useUi((s) => s.closeNewTask);
  const draft = useTaskDraft((s) => s.draft);
  const update = useTaskDraft((s) => s.update);
  const clear = useTaskDraft((s) => s.clear);
  const projects = useProjects((s) => s.projects);
  const filterProject = useTasks((s) => s.query.projectId);
  const settings = useSettings((s) => s.settings);
  const openTask = useTaskDetail((s) => s.open);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  // The draft's project if it still exists, else the one the list shows, else the first.
  const projectId =
    (projects.some((p) => p.id === draft.projectId) && draft.projectId) ||
    (filterProject && projects.some((p) => p.id === filterProject) && filterProject) ||
    projects[0]?.id ||
    '';
  const current: TaskDraft = { ...draft, projectId };
  const { params, errors: allErrors } = validateDraft(current);
  const errors = tried ? allErrors : {};

  const submit = async (): Promise<void> => {
    setTried(true);
    if (!params) {
      const firstBad = Object.keys(allErrors)[0];
      document.querySelector<HTMLElement>(`[name="${firstBad}"]`)?.focus();
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const task = await api().request('tasks.create', params);
      clear();
      close();
      openTask(task.id);
      toast.success(`Queued “${task.name}”`);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && isMod(e)) {
      e.preventDefault();
      void submit();
    }
  };

  const set =
    (key: keyof TaskDraft) =>
    (e: { target: { value: string } }): void =>
      update({ [key]: e.target.value });

  const defaultMode = settings?.defaultPermissionMode ?? 'bypassPermissions';
  const defaultTimeout = settings?.defaultTimeoutSeconds
    ? `${Math.round(settings.defaultTimeoutSeconds / 60)} (default)`
    : 'none';

  return (
    <Modal
      title="New task"
      onClose={close}
      size="wide"
      testId={TID.newTaskForm}
      footer={
        <>
          <span className="form-hint">
            <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Enter</kbd> to queue
          </span>
          <span className="spacer" />
          <button className="btn" onClick={close} data-testid={TID.newTaskCancel}>
            Cancel
          </button>
          <button
            className="btn btn-primary"
            onClick={() => void submit()}
            disabled={busy}
            data-testid={TID.newTaskSubmit}
          >
            {busy ? 'Queuing…' : 'Queue task'}
          </button>
        </>
      }
    >
      <form
        className="task-form"
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        {serverError && (
          <div className="error-note form-server-error" role="alert" data-testid={TID.newTaskError}>
            {serverError}
          </div>
        )}
        <div className="form-row">
          <Field label="Project" name="projectId" errors={errors}>
            <select
              name="projectId"
              className="field"
              value={projectId}
              onChange={set('projectId')}
              aria-invalid={!!errors.projectId}
              data-testid={TID.newTaskProject}
            >
              {projects.length === 0 && <option value="">No projects — add one first</option>}
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Name (optional)" name="name" errors={errors}>
            <input
              name="name"
              className="field"
              placeholder="First line of the instructions"
              value={draft.name}
              onChange={set('name')}
              aria-invalid={!!errors.name}
              data-testid={TID.newTaskName}
            />
          </Field>
        </div>
        <Field
          label="Instructions"
          name="instructions"
          errors={errors}
          wide
          hint="What the agent should do. It can ask you a question if it gets stuck."
        >
          <textarea
            name="instructions"
            className="field instructions"
            rows={9}
            value={draft.instructions}
            onChange={set('instructions')}
            aria-invalid={!!errors.instructions}
            placeholder="e.g. Add a --json flag to the export command and cover it with a test."
            data-autofocus
            data-testid={TID.newTaskInstructions}
          />
        </Field>
        <div className="form-row form-row-4">
          <Field label="Model" name="model" errors={errors}>
            <input
              name="model"
              className="field"
              list="model-suggestions"
              placeholder={settings?.defaultModel ?? 'CLI default'}
              value={draft.model}
              onChange={set('model')}
              aria-invalid={!!errors.model}
              data-testid={TID.newTaskModel}
            />
            <datalist id="model-suggestions">
              {MODEL_SUGGESTIONS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </Field>
          <Field label="Permission mode" name="permissionMode" errors={errors}>
            <select
              name="permissionMode"
              className="field"
              value={draft.permissionMode}
              onChange={set('permissionMode')}
              data-testid={TID.newTaskPermissionMode}
            >
              <option value="">Default ({defaultMode})</option>
              {PERMISSION_MODES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Budget (USD)" name="budgetUsd" errors={errors}>
            <input
              name="budgetUsd"
              className="field"
              inputMode="decimal"
              placeholder="no limit"
              value={draft.budgetUsd}
              onChange={set('budgetUsd')}
              aria-invalid={!!errors.budgetUsd}
              data-testid={TID.newTaskBudget}
            />
          </Field>
          <Field label="Timeout (minutes)" name="timeoutMinutes" errors={errors}>
            <input
              name="timeoutMinutes"
              className="field"
              inputMode="decimal"
              placeholder={defaultTimeout}
              value={draft.timeoutMinutes}
              onChange={set('timeoutMinutes')}
              aria-invalid={!!errors.timeoutMinutes}
              data-testid={TID.newTaskTimeout}
            />
          </Field>
        </div>
        <div className="form-row">
          <Field
            label="Allowed tools"
            name="allowedTools"
            errors={errors}
            hint="Comma or newline separated, e.g. Bash(git log:*), Edit"
          >
            <textarea
              name="allowedTools"
              className="field"
              rows={2}
              value={draft.allowedTools}
              onChange={set('allowedTools')}
              aria-invalid={!!errors.allowedTools}
              data-testid={TID.newTaskAllowedTools}
            />
          </Field>
          <Field label="Disallowed tools" name="disallowedTools" errors={errors}>
            <textarea
              name="disallowedTools"
              className="field"
              rows={2}
              value={draft.disallowedTools}
              onChange={set('disallowedTools')}
              aria-invalid={!!errors.disallowedTools}
              data-testid={TID.newTaskDisallowedTools}
            />
          </Field>
        </div>
        <div className="form-row">
          <Field
            label="Context folders"
            name="contextDirs"
            errors={errors}
            hint="Extra folders the agent may read, one absolute path per line"
          >
            <textarea
              name="contextDirs"
              className="field mono"
              rows={2}
              value={draft.contextDirs}
              onChange={set('contextDirs')}
              aria-invalid={!!errors.contextDirs}
              spellCheck={false}
              data-testid={TID.newTaskContextDirs}
            />
          </Field>
          <div className="form-field">
            <Field
              label="Priority"
              name="priority"
              errors={errors}
              hint="Higher runs first (−1000 to 1000)"
            >
              <input
                name="priority"
                className="field priority"
                inputMode="numeric"
                value={draft.priority}
                onChange={set('priority')}
                aria-invalid={!!errors.priority}
                data-testid={TID.newTaskPriority}
              />
            </Field>
            <label className="form-check">
              <input
                type="checkbox"
                name="skipPlanning"
                checked={draft.skipPlanning}
                onChange={(e) => update({ skipPlanning: e.target.checked })}
                data-testid={TID.newTaskSkipPlanning}
              />
              Skip planning (no plan-first preamble)
            </label>
          </div>
        </div>
        <details className="form-more">
          <summary>More</summary>
          <Field label="Append to system prompt" name="systemPromptAppend" errors={errors} wide>
            <textarea
              name="systemPromptAppend"
              className="field"
              rows={3}
              value={draft.systemPromptAppend}
              onChange={set('systemPromptAppend')}
              aria-invalid={!!errors.systemPromptAppend}
              data-testid={TID.newTaskSystemPrompt}
            />
          </Field>
        </details>
      </form>
    </Modal>
  );
}
