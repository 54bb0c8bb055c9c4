// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TID } from '../../testids';
import { makeSettings } from '../../test-support/fixtures';
import { FakeApiError } from '../../test-support/fake-api';
import { setupFakeApi } from '../../test-support/setup';
import { useSettings } from '../../stores/settings-store';
import { useUi } from '../../stores/ui-store';
import { SettingsDialog } from './SettingsDialog';

describe('SettingsDialog', () => {
  const fake = setupFakeApi();

  async function open() {
    fake.current.handle('settings.get', () => makeSettings({ claudeBin: '/usr/bin/claude' }));
    fake.current.handle('app.info', () => ({
      version: '1.2.3',
      dataDir: '/home/me/.config/claudomator',
      mode: 'desktop',
      platform: 'linux',
    }));
    await useSettings.getState().load();
    useUi.setState({ settingsOpen: true });
    render(<SettingsDialog />);
  }

  it('shows the data directory and the current values', async () => {
    await open();
    expect(screen.getByTestId(TID.settingsDataDir).textContent).toBe(
      '/home/me/.config/claudomator',
    );
    expect((screen.getByTestId(TID.settingsClaudeBin) as HTMLInputElement).value).toBe(
      '/usr/bin/claude',
    );
    expect((screen.getByTestId(TID.settingsMaxConcurrency) as HTMLInputElement).value).toBe('2');
    expect((screen.getByTestId(TID.settingsNotifyFail) as HTMLInputElement).checked).toBe(true);
  });

  it('Check runs claude --version with the typed path and shows the version', async () => {
    fake.current.handle('app.checkClaude', ({ bin }) => ({
      ok: true,
      bin: bin!,
      version: '2.1.197 (Claude Code)',
      error: null,
    }));
    await open();
    fireEvent.change(screen.getByTestId(TID.settingsClaudeBin), {
      target: { value: '/opt/claude' },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.settingsCheckClaude));
    });
    expect(fake.current.calls('app.checkClaude')).toEqual([{ bin: '/opt/claude' }]);
    const result = screen.getByTestId(TID.settingsCheckResult);
    expect(result.dataset.ok).toBe('true');
    expect(result.textContent).toContain('2.1.197 (Claude Code)');
  });

  it('Check shows why claude does not run', async () => {
    fake.current.handle('app.checkClaude', ({ bin }) => ({
      ok: false,
      bin: bin!,
      version: null,
      error: '"/nope" was not found',
    }));
    await open();
    fireEvent.change(screen.getByTestId(TID.settingsClaudeBin), { target: { value: '/nope' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.settingsCheckClaude));
    });
    const result = screen.getByTestId(TID.settingsCheckResult);
    expect(result.dataset.ok).toBe('false');
    expect(result.textContent).toContain('"/nope" was not found');
  });

  it('saves every setting, in the units the API takes', async () => {
    fake.current.handle('settings.set', (p) => makeSettings(p));
    await open();
    const set = (id: string, value: string) =>
      fireEvent.change(screen.getByTestId(id), { target: { value } });
    set(TID.settingsMaxConcurrency, '4');
    set(TID.settingsDefaultModel, 'opus');
    set(TID.settingsDefaultPermissionMode, 'acceptEdits');
    set(TID.settingsDefaultTimeout, '90');
    set(TID.settingsQuotaPause, '30');
    fireEvent.click(screen.getByTestId(TID.settingsNotifyComplete));
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.settingsSave));
    });
    expect(fake.current.calls('settings.set')).toEqual([
      {
        claudeBin: '/usr/bin/claude',
        maxConcurrency: 4,
        defaultModel: 'opus',
        defaultPermissionMode: 'acceptEdits',
        defaultTimeoutSeconds: 5400,
        quotaPauseMinutes: 30,
        notifyOnComplete: true,
        notifyOnFail: true,
      },
    ]);
    await waitFor(() => expect(useUi.getState().settingsOpen).toBe(false));
  });

  it('refuses bad values inline and shows server errors', async () => {
    fake.current.handle('settings.set', () => {
      throw new FakeApiError('invalid_request', 'claudeBin: too long');
    });
    await open();
    fireEvent.change(screen.getByTestId(TID.settingsMaxConcurrency), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId(TID.settingsSave));
    expect(screen.getByTestId(TID.fieldError).dataset.field).toBe('maxConcurrency');
    expect(fake.current.calls('settings.set')).toEqual([]);
    fireEvent.change(screen.getByTestId(TID.settingsMaxConcurrency), { target: { value: '3' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.settingsSave));
    });
    expect(screen.getByTestId(TID.settingsError).textContent).toBe('claudeBin: too long');
  });
});
