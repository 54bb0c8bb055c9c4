import { useEffect, useState } from 'react';
import { PERMISSION_MODES, type PermissionMode, type Settings } from '../../../src-shared/domain';
import type { RequestParams } from '../../../src-shared/contract';
import { errorMessage } from '../../lib/error-message';
import { TID } from '../../testids';
import { useSettings } from '../../stores/settings-store';
import { toast } from '../../stores/toasts-store';
import { useUi } from '../../stores/ui-store';
import { ErrorNote } from '../common/ErrorNote';
import { Modal } from '../common/Modal';
import './settings.css';

interface Form {
  claudeBin: string;
  maxConcurrency: string;
  defaultModel: string;
  defaultPermissionMode: PermissionMode;
  defaultTimeoutMinutes: string;
  quotaPauseMinutes: string;
  notifyOnComplete: boolean;
  notifyOnFail: boolean;
}

function toForm(s: Settings): Form {
  return {
    claudeBin: s.claudeBin,
    maxConcurrency: String(s.maxConcurrency),
    defaultModel: s.defaultModel ?? '',
    defaultPermissionMode: s.defaultPermissionMode,
    defaultTimeoutMinutes: s.defaultTimeoutSeconds ? String(s.defaultTimeoutSeconds / 60) : '0',
    quotaPauseMinutes: String(s.quotaPauseMinutes),
    notifyOnComplete: s.notifyOnComplete,
    notifyOnFail: s.notifyOnFail,
  };
}

type Errors = Partial<Record<keyof Form, string>>;

/** Checks the form as `settingsPatch` will; returns the patch or the problems. */
export function settingsFromForm(f: Form): {
  patch: RequestParams<'settings.set'> | null;
  errors: Errors;
} {
  const errors: Errors = {};
  const int = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()));
  const bin = f.claudeBin.trim();
  if (!bin) errors.claudeBin = 'Give the claude command or its full path';
  else if (bin.length > 4096) errors.claudeBin = 'At most 4096 characters';
  const conc = int(f.maxConcurrency);
  if (!Number.isInteger(conc) || conc < 1 || conc > 64) {
    errors.maxConcurrency = 'A whole number from 1 to 64';
  }
  const model = f.defaultModel.trim();
  if (model.length > 200) errors.defaultModel = 'At most 200 characters';
  const timeoutMin = int(f.defaultTimeoutMinutes);
  const timeoutS = Math.round(timeoutMin * 60);
  if (!Number.isFinite(timeoutMin) || timeoutS < 0 || timeoutS > 7 * 24 * 3600) {
    errors.defaultTimeoutMinutes = '0 (none) to 10080 minutes';
  }
  const pause = int(f.quotaPauseMinutes);
  if (!Number.isInteger(pause) || pause < 1 || pause > 7 * 24 * 60) {
    errors.quotaPauseMinutes = 'A whole number of minutes, 1 to 10080';
  }
  if (Object.keys(errors).length > 0) return { patch: null, errors };
  return {
    patch: {
      claudeBin: bin,
      maxConcurrency: conc,
      defaultModel: model || null,
      defaultPermissionMode: f.defaultPermissionMode,
      defaultTimeoutSeconds: timeoutS,
      quotaPauseMinutes: pause,
      notifyOnComplete: f.notifyOnComplete,
      notifyOnFail: f.notifyOnFail,
    },
    errors,
  };
}

function FieldError({ errors, name }: { errors: Errors; name: keyof Form }) {
  if (!errors[name]) return null;
  return (
    <span className="form-error" data-testid={TID.fieldError} data-field={name}>
      {errors[name]}
    </span>
  );
}

function ClaudeCheckResult() {
  const check = useSettings((s) => s.check);
  if (check.running) return <span className="muted">Running claude --version…</span>;
  if (check.error) {
    return (
      <span className="check-result is-bad" data-testid={TID.settingsCheckResult} data-ok="false">
        {check.error}
      </span>
    );
  }
  if (!check.result) return null;
  const r = check.result;
  return (
    <span
      className={`check-result ${r.ok ? 'is-ok' : 'is-bad'}`}
      data-testid={TID.settingsCheckResult}
      data-ok={String(r.ok)}
    >
      {r.ok ? `✓ ${r.version ?? 'runs'}` : `✗ ${r.error ?? 'does not run'}`}
    </span>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const close = useUi((s) => s.closeSettings);
  const info = useSettings((s) => s.info);
  const save = useSettings((s) => s.save);
  const checkClaude = useSettings((s) => s.checkClaude);
  const resetCheck = useSettings((s) => s.resetCheck);
  const [form, setForm] = useState<Form>(() => toForm(settings));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const { patch, errors: allErrors } = settingsFromForm(form);
  const errors = tried ? allErrors : {};

  useEffect(() => resetCheck, [resetCheck]);

  const set = <K extends keyof Form>(key: K, value: Form[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (): Promise<void> => {
    setTried(true);
    if (!patch) return;
    setBusy(true);
    setServerError(null);
    try {
      await save(patch);
      toast.success('Settings saved');
      close();
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Settings"
      onClose={close}
      testId={TID.settingsDialog}
      footer={
        <>
          <button className="btn" onClick={close} data-testid={TID.settingsCancel}>
            Cancel
          </button>
          <button
            className="btn btn-primary"
            onClick={() => void submit()}
            disabled={busy}
            data-testid={TID.settingsSave}
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        {serverError && (
          <div className="error-note" role="alert" data-testid={TID.settingsError}>
            {serverError}
          </div>
        )}
        <section>
          <h3>Claude CLI</h3>
          <label className="settings-field">
            <span className="form-label">claude command</span>
            <div className="settings-inline">
              <input
                className="field mono"
                value={form.claudeBin}
                onChange={(e) => set('claudeBin', e.target.value)}
                spellCheck={false}
                aria-invalid={!!errors.claudeBin}
                data-autofocus
                data-testid={TID.settingsClaudeBin}
              />
              <button
                type="button"
                className="btn"
                onClick={() => void checkClaude(form.claudeBin)}
                data-testid={TID.settingsCheckClaude}
              >
                Check
              </button>
            </div>
            <FieldError errors={errors} name="claudeBin" />
            <span className="form-hint">
              A name found on PATH or a full path. Check runs <code>--version</code> with it.
            </span>
            <ClaudeCheckResult />
          </label>
        </section>
        <section>
          <h3>Queue</h3>
          <div className="settings-grid">
            <label className="settings-field">
              <span className="form-label">Tasks at once</span>
              <input
                className="field"
                inputMode="numeric"
                value={form.maxConcurrency}
                onChange={(e) => set('maxConcurrency', e.target.value)}
                aria-invalid={!!errors.maxConcurrency}
                data-testid={TID.settingsMaxConcurrency}
              />
              <FieldError errors={errors} name="maxConcurrency" />
            </label>
            <label className="settings-field">
              <span className="form-label">Pause on quota (minutes)</span>
              <input
                className="field"
                inputMode="numeric"
                value={form.quotaPauseMinutes}
                onChange={(e) => set('quotaPauseMinutes', e.target.value)}
                aria-invalid={!!errors.quotaPauseMinutes}
                data-testid={TID.settingsQuotaPause}
              />
              <FieldError errors={errors} name="quotaPauseMinutes" />
              <span className="form-hint">When the CLI gives no reset time</span>
            </label>
          </div>
        </section>
        <section>
          <h3>Defaults for new tasks</h3>
          <div className="settings-grid">
            <label className="settings-field">
              <span className="form-label">Model</span>
              <input
                className="field"
                placeholder="CLI default"
                value={form.defaultModel}
                onChange={(e) => set('defaultModel', e.target.value)}
                aria-invalid={!!errors.defaultModel}
                data-testid={TID.settingsDefaultModel}
              />
              <FieldError errors={errors} name="defaultModel" />
            </label>
            <label className="settings-field">
              <span className="form-label">Permission mode</span>
              <select
                className="field"
                value={form.defaultPermissionMode}
                onChange={(e) => set('defaultPermissionMode', e.target.value as PermissionMode)}
                data-testid={TID.settingsDefaultPermissionMode}
              >
                {PERMISSION_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label className="settings-field">
              <span className="form-label">Timeout (minutes, 0 = none)</span>
              <input
                className="field"
                inputMode="decimal"
                value={form.defaultTimeoutMinutes}
                onChange={(e) => set('defaultTimeoutMinutes', e.target.value)}
                aria-invalid={!!errors.defaultTimeoutMinutes}
                data-testid={TID.settingsDefaultTimeout}
              />
              <FieldError errors={errors} name="defaultTimeoutMinutes" />
            </label>
          </div>
        </section>
        <section>
          <h3>Notifications</h3>
          <label className="form-check">
            <input
              type="checkbox"
              checked={form.notifyOnComplete}
              onChange={(e) => set('notifyOnComplete', e.target.checked)}
              data-testid={TID.settingsNotifyComplete}
            />
            When a task completes
          </label>
          <label className="form-check">
            <input
              type="checkbox"
              checked={form.notifyOnFail}
              onChange={(e) => set('notifyOnFail', e.target.checked)}
              data-testid={TID.settingsNotifyFail}
            />
            When a task fails
          </label>
          <span className="form-hint">
            Blocked tasks always notify. Notifications show in the desktop app.
          </span>
        </section>
        <section>
          <h3>About</h3>
          <dl className="kv">
            <dt>Data folder</dt>
            <dd>
              <code data-testid={TID.settingsDataDir}>{info?.dataDir ?? '—'}</code>
            </dd>
            <dt>Version</dt>
            <dd data-testid={TID.settingsVersion}>
              {info ? `${info.version} (${info.mode}, ${info.platform})` : '—'}
            </dd>
          </dl>
        </section>
      </form>
    </Modal>
  );
}

export function SettingsDialog() {
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const load = useSettings((s) => s.load);
  const close = useUi((s) => s.closeSettings);
  if (!settings) {
    return (
      <Modal title="Settings" onClose={close} testId={TID.settingsDialog}>
        {error ? (
          <ErrorNote message={`Could not load settings: ${error}`} onRetry={() => void load()} />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Modal>
    );
  }
  return <SettingsForm settings={settings} />;
}
