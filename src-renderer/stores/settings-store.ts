import { create } from 'zustand';
import type { AppInfo, ClaudeCheck, Settings } from '../../src-shared/domain';
import type { RequestParams } from '../../src-shared/contract';
import { api } from '../api/client';
import { errorMessage } from '../lib/error-message';

interface SettingsState {
  settings: Settings | null;
  info: AppInfo | null;
  error: string | null;
  check: { running: boolean; result: ClaudeCheck | null; error: string | null };
  load(): Promise<void>;
  /** Saves a patch; rejects with the API's error so the dialog can show it. */
  save(patch: RequestParams<'settings.set'>): Promise<Settings>;
  checkClaude(bin: string): Promise<void>;
  resetCheck(): void;
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: null,
  info: null,
  error: null,
  check: { running: false, result: null, error: null },
  async load() {
    try {
      const [settings, info] = await Promise.all([
        api().request('settings.get', {}),
        api().request('app.info', {}),
      ]);
      set({ settings, info, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async save(patch) {
    const settings = await api().request('settings.set', patch);
    set({ settings, error: null });
    return settings;
  },
  async checkClaude(bin) {
    set({ check: { running: true, result: null, error: null } });
    try {
      const params = bin.trim() ? { bin: bin.trim() } : {};
      const result = await api().request('app.checkClaude', params);
      set({ check: { running: false, result, error: null } });
    } catch (err) {
      set({ check: { running: false, result: null, error: errorMessage(err) } });
    }
  },
  resetCheck() {
    set({ check: { running: false, result: null, error: null } });
  },
}));
