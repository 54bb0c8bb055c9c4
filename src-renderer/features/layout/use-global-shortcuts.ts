import { useEffect } from 'react';
import { isEditableTarget, isMod } from '../../lib/keyboard';
import { useUi } from '../../stores/ui-store';

/**
 * Window-wide keys: Ctrl/Cmd+N new task, Ctrl/Cmd+, settings, / or Ctrl/Cmd+F
 * search. The desktop menu sends the same as `ui.command` events.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const ui = useUi.getState();
      if (isMod(e) && !e.altKey && !e.shiftKey) {
        const key = e.key.toLowerCase();
        if (key === 'n') {
          e.preventDefault();
          ui.openNewTask();
        } else if (key === ',') {
          e.preventDefault();
          ui.openSettings();
        } else if (key === 'f' && !ui.newTaskOpen && !ui.settingsOpen) {
          e.preventDefault();
          ui.focusSearch();
        }
        return;
      }
      if (e.key === '/' && !e.altKey && !isEditableTarget(e.target)) {
        if (ui.newTaskOpen || ui.settingsOpen || document.querySelector('[aria-modal="true"]')) {
          return;
        }
        e.preventDefault();
        ui.focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
